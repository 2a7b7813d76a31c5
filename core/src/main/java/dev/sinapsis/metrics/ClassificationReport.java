package dev.sinapsis.metrics;

import java.util.Locale;

/**
 * Formats a {@link ConfusionMatrix} like scikit-learn's {@code classification_report}:
 * <pre>
 *               precision    recall  f1-score   support
 *
 *          cat     0.7500    0.7500    0.7500         4
 *          dog     0.6667    0.6667    0.6667         3
 *         bird     0.6667    0.6667    0.6667         3
 *
 *     accuracy                         0.7000        10
 *    macro avg     0.6944    0.6944    0.6944        10
 * weighted avg     0.7000    0.7000    0.7000        10
 * </pre>
 * Numbers use '.' as the decimal separator whatever the default locale.
 */
public final class ClassificationReport {
    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};

    private ClassificationReport() {
    }

    /** The report with {@code digits} decimals (scikit-learn's default is 2). */
    public static String format(ConfusionMatrix cm, int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("ClassificationReport: digits must be >= 0, got " + digits);
        }
        int nameWidth = "weighted avg".length();
        for (String l : cm.labels()) {
            nameWidth = Math.max(nameWidth, l.length());
        }
        int width = Math.max(digits + 2, HEADERS[0].length());
        StringBuilder sb = new StringBuilder(" ".repeat(nameWidth + 1));
        for (String h : HEADERS) {
            sb.append(' ').append(ConfusionMatrix.pad(h, width, true));
        }
        sb.append("\n\n");
        for (int c = 0; c < cm.numClasses(); c++) {
            row(sb, cm.labels().get(c), nameWidth, width, digits,
                    cm.precision(c), cm.recall(c), cm.f1(c), cm.support(c));
        }
        sb.append('\n');
        sb.append(ConfusionMatrix.pad("accuracy", nameWidth, true)).append(' ')
                .append(" ".repeat(2 * (width + 1)))
                .append(' ').append(ConfusionMatrix.pad(num(cm.accuracy(), digits), width, true))
                .append(' ').append(ConfusionMatrix.pad(Long.toString(cm.total()), width, true)).append('\n');
        ConfusionMatrix.Average macro = ConfusionMatrix.Average.MACRO;
        ConfusionMatrix.Average weighted = ConfusionMatrix.Average.WEIGHTED;
        row(sb, "macro avg", nameWidth, width, digits,
                cm.precision(macro), cm.recall(macro), cm.f1(macro), cm.total());
        row(sb, "weighted avg", nameWidth, width, digits,
                cm.precision(weighted), cm.recall(weighted), cm.f1(weighted), cm.total());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, int nameWidth, int width, int digits,
            double p, double r, double f, long support) {
        sb.append(ConfusionMatrix.pad(name, nameWidth, true)).append(' ');
        for (double v : new double[] {p, r, f}) {
            sb.append(' ').append(ConfusionMatrix.pad(num(v, digits), width, true));
        }
        sb.append(' ').append(ConfusionMatrix.pad(Long.toString(support), width, true)).append('\n');
    }

    private static String num(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
