/**
 * Hinton's family-tree network (chapter 7 of the course): the two isomorphic family trees and
 * their 104 kinship queries (shipped with the script that derives them), the network with its
 * 6-unit person and relation codes, the probes that find nationality in the person codes, and
 * the {@code sinapsis run family-tree} example.
 */
package dev.sinapsis.examples.familytree;
