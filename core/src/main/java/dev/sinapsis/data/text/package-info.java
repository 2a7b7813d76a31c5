/**
 * Text for sequence models: a {@link dev.sinapsis.data.text.Tokenizer} (lower case, HTML line
 * breaks removed, punctuation split), a {@link dev.sinapsis.data.text.Vocabulary} built on a
 * training split (top-K by frequency, deterministic ties, PAD and UNK ids, saved as text with a
 * checkpoint), and a {@link dev.sinapsis.data.text.TextDataset} of reviews encoded to a maximum
 * length (keeping the start or the end), which a {@link dev.sinapsis.data.DataLoader} batches
 * with their lengths, e.g. in length buckets ({@link dev.sinapsis.data.LengthBucketSampler}).
 *
 * <p>It lives in core, next to the other readers, because it depends on nothing but the data
 * API: any program (the CLI's sentiment models, a user's own) tokenises and batches text the same way.
 */
package dev.sinapsis.data.text;
