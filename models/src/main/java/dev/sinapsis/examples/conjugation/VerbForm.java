package dev.sinapsis.examples.conjugation;

/**
 * One row of the corpus: {@code hablar 1s presente -> hablo}.
 *
 * @param infinitive the verb
 * @param tense      presente, indefinido, imperfecto or futuro
 * @param person     1s, 2s, 3s, 1p, 2p or 3p
 * @param form       the conjugated form
 * @param regular    whether every form of the verb follows the regular rules
 * @param kind       regular, spelling, stem or irregular
 * @param heldOut    whether the verb is held out of training
 */
public record VerbForm(String infinitive, String tense, String person, String form, boolean regular, String kind,
                       boolean heldOut) {
}
