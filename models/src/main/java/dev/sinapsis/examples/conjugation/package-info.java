/**
 * Spanish verb conjugation (the course's chapter 15 case study): a character-level encoder-decoder
 * with additive attention, trained with teacher forcing, that maps "infinitive + person + tense" to
 * the conjugated form and is evaluated on verbs it never saw.
 */
package dev.sinapsis.examples.conjugation;
