/**
 * Word tagging (the course's chapter 15 case study): a bidirectional LSTM tagger on a small
 * hand-tagged corpus, compared with the most-frequent-tag baseline.
 */
package dev.sinapsis.examples.tagging;
