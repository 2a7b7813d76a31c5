/**
 * The course's runnable examples behind {@code sinapsis run NAME} ({@link dev.sinapsis.examples.Examples}
 * lists them): each is built on the public tensor API only, so it runs on every backend, takes a
 * seed (same seed, same result), prints its headline figures and writes {@code summary.json} and
 * its pictures into the output directory.
 */
package dev.sinapsis.examples;
