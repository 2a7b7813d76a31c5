package dev.sinapsis.models;

/**
 * What one epoch measured.
 *
 * @param epoch          1-based epoch number
 * @param learningRate   the learning rate used in this epoch
 * @param trainLoss      mean cross-entropy over the epoch's training batches
 * @param trainAccuracy  fraction of training examples classified correctly (dropout on)
 * @param evalLoss       mean cross-entropy on the evaluation split
 * @param evalAccuracy   accuracy on the evaluation split
 * @param seconds        wall time of the epoch's training (without evaluation)
 * @param samplesPerSec  training examples per second in this epoch
 */
public record EpochStats(int epoch, double learningRate, double trainLoss, double trainAccuracy, double evalLoss,
                         double evalAccuracy, double seconds, double samplesPerSec) {
    /** Column names of {@link #toCsv()}. */
    public static final String CSV_HEADER =
            "epoch,lr,train_loss,train_accuracy,eval_loss,eval_accuracy,seconds,samples_per_sec";

    /** One CSV row (full precision, so a resumed run writes the same file). */
    public String toCsv() {
        return epoch + "," + learningRate + "," + trainLoss + "," + trainAccuracy + "," + evalLoss + ","
                + evalAccuracy + "," + seconds + "," + samplesPerSec;
    }

    /** Parses {@link #toCsv()}. */
    public static EpochStats fromCsv(String row) {
        String[] f = row.split(",");
        if (f.length != 8) {
            throw new IllegalArgumentException("an epoch row needs 8 fields, got '" + row + "'");
        }
        return new EpochStats(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]));
    }
}
