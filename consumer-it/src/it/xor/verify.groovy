// Checks the project outside the reactor: the README's program learned XOR, and the dependency
// tree of a project depending on sinapsis-core and sinapsis-backend-cpu holds no native jar.
def log = new File(basedir, 'build.log').text
def m = log =~ /XOR of 00 01 10 11: (\S+) (\S+) (\S+) (\S+)/
assert m.find() : "the program printed no predictions:\n" + log
def p = (1..4).collect { Double.parseDouble(m.group(it)) }
assert p[0] < 0.1 && p[3] < 0.1 && p[1] > 0.9 && p[2] > 0.9 : "XOR not learned: " + p

def tree = new File(basedir, 'target/dependency-tree.txt').text
assert tree.contains('dev.sinapsis:sinapsis-core:jar:') && tree.contains('dev.sinapsis:sinapsis-backend-cpu:jar:') : tree
for (banned in ['org.nd4j', 'org.bytedeco', 'org.jocl', 'linux-x86_64', 'linux-arm64', 'macosx', 'windows']) {
    assert !tree.contains(banned) : "a native dependency (" + banned + ") in the tree:\n" + tree
}
println "consumer-it: XOR learned " + p + "; dependency tree without native jars:\n" + tree
return true
