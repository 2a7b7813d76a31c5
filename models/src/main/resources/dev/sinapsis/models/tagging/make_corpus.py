#!/usr/bin/python3
"""Builds tagged.tsv.gz, the part-of-speech corpus of `sinapsis run tagger`.

Source: opennlp/tools/postag/AnnotatedSentences.txt in the test jar of Apache OpenNLP 2.3.3
(org.apache.opennlp:opennlp-tools:2.3.3:tests, Apache-2.0), fetched from Maven Central with
`mvn dependency:get` into a throw-away local repository and checked against its pinned SHA-256.
It is 120 English sentences (short letters about finding addresses), hand-tagged with the Penn
Treebank tag set, one sentence a line as word_TAG tokens, in the Mac Roman encoding.

Output: one token a line, `word<TAB>tag`, a blank line after each sentence, preceded by a
`# split` line: every fifth sentence (index 4, 9, 14...) is `heldout`, the rest `train`.

Usage: /usr/bin/python3 make_corpus.py   (needs mvn and network access to Maven Central)
"""
import gzip, hashlib, os, subprocess, sys, tempfile, zipfile

ARTIFACT = "org.apache.opennlp:opennlp-tools:2.3.3:jar:tests"
JAR_SHA256 = "baeb0433adbfd94ab9b305863746790a0d16115f039777751de0b89e7d2c66dd"
ENTRY = "opennlp/tools/postag/AnnotatedSentences.txt"
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    repo = tempfile.mkdtemp()
    subprocess.run(["mvn", "-B", "-q", "dependency:get", "-Dmaven.repo.local=" + repo,
                    "-Dartifact=" + ARTIFACT, "-Dtransitive=false"], check=True)
    jar = os.path.join(repo, "org/apache/opennlp/opennlp-tools/2.3.3/opennlp-tools-2.3.3-tests.jar")
    digest = hashlib.sha256(open(jar, "rb").read()).hexdigest()
    if digest != JAR_SHA256:
        sys.exit(f"{jar}: SHA-256 {digest} is not the pinned one")
    text = zipfile.ZipFile(jar).read(ENTRY).decode("mac_roman")
    sentences = []
    for line in text.splitlines():
        tokens = line.split()
        if not tokens:
            continue
        pairs = []
        for t in tokens:
            word, _, tag = t.rpartition("_")
            if not word or not tag:
                sys.exit(f"malformed token {t!r} in: {line}")
            pairs.append((word, tag))
        sentences.append(pairs)
    out = []
    for i, s in enumerate(sentences):
        out.append("# " + ("heldout" if i % 5 == 4 else "train"))
        out.extend(f"{w}\t{t}" for w, t in s)
        out.append("")
    data = ("\n".join(out)).encode("utf-8")
    with open(os.path.join(HERE, "tagged.tsv.gz"), "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(data)
    tokens = sum(len(s) for s in sentences)
    held = sum(len(s) for i, s in enumerate(sentences) if i % 5 == 4)
    print(f"{len(sentences)} sentences, {tokens} tokens ({held} held out), sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
