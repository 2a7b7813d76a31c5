/**
 * Linear regression (normal equation and gradient descent: batch, mini-batch, online) and
 * logistic regression (gradient descent on the cross-entropy, Newton's method as reference), the
 * course's seed slides, with tensor ops; the {@code sinapsis run linear-regression} and
 * {@code logistic-regression} examples.
 */
package dev.sinapsis.examples.regression;
