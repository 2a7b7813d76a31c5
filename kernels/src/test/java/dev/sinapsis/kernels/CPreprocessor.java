package dev.sinapsis.kernels;

import dev.sinapsis.tensor.DType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Just enough of the C preprocessor to read the kernel signatures out of a rendered program:
 * comments, {@code #define}/{@code #undef} (object- and function-like, with {@code ##}),
 * {@code #if}/{@code #ifdef}/{@code #ifndef}/{@code #elif}/{@code #else}/{@code #endif} with
 * integer expressions and {@code defined}. Every {@code KERNEL ...(...)} declaration in an active
 * region is macro-expanded with the definitions in force there and parsed into parameters.
 */
final class CPreprocessor {
    /** A kernel declared in the text: its name, its parameters and the value of {@code KNAME} around it. */
    record FoundKernel(String name, List<KernelParam> params, String kname) {
    }

    private record Macro(List<String> params, List<String> body) {
    }

    private final Map<String, Macro> macros = new HashMap<>();
    private final List<FoundKernel> found = new ArrayList<>();
    private List<String> pending; // tokens of a KERNEL declaration being read

    private CPreprocessor() {
    }

    /** Every kernel the OpenCL rendering {@code source} declares, in order. */
    static List<FoundKernel> kernels(String source) {
        CPreprocessor p = new CPreprocessor();
        p.run(CLexer.stripComments(source).replace("\\\n", ""));
        return p.found;
    }

    private void run(String text) {
        // each frame: {enclosing region active, this branch active, some branch already taken}
        Deque<boolean[]> stack = new ArrayDeque<>();
        boolean active = true;
        for (String raw : text.split("\n", -1)) {
            String line = raw.trim();
            if (!line.startsWith("#")) {
                if (active) {
                    code(line);
                }
                continue;
            }
            String d = line.substring(1).trim();
            String word = d.split("[\\s(]", 2)[0];
            String rest = d.substring(word.length()).trim();
            switch (word) {
                case "if", "ifdef", "ifndef" -> {
                    boolean cond = active && switch (word) {
                        case "ifdef" -> macros.containsKey(rest);
                        case "ifndef" -> !macros.containsKey(rest);
                        default -> evaluate(rest) != 0;
                    };
                    stack.push(new boolean[] {active, cond, cond});
                    active = cond;
                }
                case "elif" -> {
                    boolean[] f = stack.peek();
                    f[1] = f[0] && !f[2] && evaluate(rest) != 0;
                    f[2] |= f[1];
                    active = f[1];
                }
                case "else" -> {
                    boolean[] f = stack.peek();
                    f[1] = f[0] && !f[2];
                    f[2] = true;
                    active = f[1];
                }
                case "endif" -> active = stack.pop()[0];
                case "define" -> {
                    if (active) {
                        define(rest);
                    }
                }
                case "undef" -> {
                    if (active) {
                        macros.remove(rest);
                    }
                }
                default -> {
                    // #line, #pragma: nothing to do for signatures
                }
            }
        }
    }

    private void define(String def) {
        int i = 0;
        while (i < def.length() && (Character.isLetterOrDigit(def.charAt(i)) || def.charAt(i) == '_')) {
            i++;
        }
        String name = def.substring(0, i);
        List<String> params = null;
        if (i < def.length() && def.charAt(i) == '(') {
            int close = def.indexOf(')', i);
            params = new ArrayList<>();
            for (String p : def.substring(i + 1, close).split(",")) {
                if (!p.isBlank()) {
                    params.add(p.trim());
                }
            }
            i = close + 1;
        }
        macros.put(name, new Macro(params, CLexer.tokenize(def.substring(i).trim())));
    }

    /** Collects the tokens of a kernel declaration from {@code KERNEL} up to its body's brace. */
    private void code(String line) {
        List<String> tokens = CLexer.tokenize(line);
        if (pending == null) {
            int k = tokens.indexOf("KERNEL");
            if (k < 0) {
                return;
            }
            pending = new ArrayList<>();
            tokens = tokens.subList(k, tokens.size());
        }
        for (String t : tokens) {
            if (t.equals("{") || t.equals(";")) {
                found.add(parse(expand(pending, Set.of())));
                pending = null;
                return;
            }
            pending.add(t);
        }
        pending.add(" ");
    }

    private FoundKernel parse(List<String> expanded) {
        List<String> t = new ArrayList<>();
        for (String s : expanded) {
            if (!s.isBlank()) {
                t.add(s);
            }
        }
        int open = t.indexOf("(");
        String name = t.get(open - 1);
        List<KernelParam> params = new ArrayList<>();
        List<String> param = new ArrayList<>();
        int depth = 0;
        for (String s : t.subList(open + 1, t.size())) {
            if (depth == 0 && (s.equals(",") || s.equals(")"))) {
                params.add(param(name, param));
                param = new ArrayList<>();
                if (s.equals(")")) {
                    break;
                }
                continue;
            }
            depth += s.equals("(") ? 1 : s.equals(")") ? -1 : 0;
            param.add(s);
        }
        Macro kname = macros.get("KNAME");
        return new FoundKernel(name, params, kname == null ? null : String.join("", kname.body()));
    }

    private static KernelParam param(String kernel, List<String> tokens) {
        String name = tokens.get(tokens.size() - 1);
        boolean global = tokens.contains("__global");
        boolean local = tokens.contains("__local");
        boolean pointer = tokens.contains("*");
        List<String> type = new ArrayList<>(tokens.subList(0, tokens.size() - 1));
        type.removeAll(List.of("__global", "__local", "const", "volatile", "restrict", "*"));
        String c = String.join(" ", type);
        if (pointer && local) {
            return new KernelParam(name, ParamType.LOCAL_MEMORY);
        }
        if (c.equals("dims_t") && !pointer) {
            return new KernelParam(name, ParamType.DIMS);
        }
        DType dtype = switch (c) {
            case "float" -> DType.F32;
            case "double" -> DType.F64;
            case "int" -> DType.I32;
            case "long", "i64", "ulong", "u64" -> DType.I64;
            case "uchar", "u8" -> DType.BOOL;
            default -> throw new IllegalStateException(kernel + ": parameter " + tokens + " has an unknown type '" + c + "'");
        };
        if (pointer && !global) {
            throw new IllegalStateException(kernel + ": pointer parameter " + tokens + " is neither global nor local");
        }
        return new KernelParam(name, pointer ? ParamType.buffer(dtype) : ParamType.scalar(dtype));
    }

    // ------------------------------------------------------------------ macro expansion

    private List<String> expand(List<String> tokens, Set<String> disabled) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            Macro m = disabled.contains(t) ? null : macros.get(t);
            if (m == null) {
                out.add(t);
                i++;
                continue;
            }
            Set<String> inner = new HashSet<>(disabled);
            inner.add(t);
            if (m.params() == null) {
                out.addAll(expand(m.body(), inner));
                i++;
                continue;
            }
            int open = i + 1;
            while (open < tokens.size() && tokens.get(open).isBlank()) {
                open++;
            }
            if (open >= tokens.size() || !tokens.get(open).equals("(")) {
                out.add(t);
                i++;
                continue;
            }
            List<List<String>> args = new ArrayList<>();
            List<String> arg = new ArrayList<>();
            int depth = 0;
            int j = open + 1;
            for (; ; j++) {
                String s = tokens.get(j);
                if (depth == 0 && (s.equals(",") || s.equals(")"))) {
                    args.add(trim(arg));
                    arg = new ArrayList<>();
                    if (s.equals(")")) {
                        break;
                    }
                    continue;
                }
                depth += s.equals("(") ? 1 : s.equals(")") ? -1 : 0;
                arg.add(s);
            }
            out.addAll(expand(substitute(m, args, disabled), inner));
            i = j + 1;
        }
        return out;
    }

    /** The body with arguments in place (expanded first unless next to {@code ##}), then pasted. */
    private List<String> substitute(Macro m, List<List<String>> args, Set<String> disabled) {
        List<String> body = m.body();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < body.size(); k++) {
            String t = body.get(k);
            int p = m.params().indexOf(t);
            if (p < 0) {
                out.add(t);
                continue;
            }
            boolean pasted = "##".equals(neighbour(body, k, -1)) || "##".equals(neighbour(body, k, 1));
            out.addAll(pasted ? args.get(p) : expand(args.get(p), disabled));
        }
        for (int k = out.indexOf("##"); k >= 0; k = out.indexOf("##")) {
            int l = k - 1;
            while (out.get(l).isBlank()) {
                l--;
            }
            int r = k + 1;
            while (out.get(r).isBlank()) {
                r++;
            }
            String joined = out.get(l) + out.get(r);
            out.subList(l, r + 1).clear();
            out.add(l, joined);
        }
        return out;
    }

    private static String neighbour(List<String> tokens, int k, int step) {
        for (int i = k + step; i >= 0 && i < tokens.size(); i += step) {
            if (!tokens.get(i).isBlank()) {
                return tokens.get(i);
            }
        }
        return null;
    }

    private static List<String> trim(List<String> tokens) {
        int a = 0;
        int b = tokens.size();
        while (a < b && tokens.get(a).isBlank()) {
            a++;
        }
        while (b > a && tokens.get(b - 1).isBlank()) {
            b--;
        }
        return new ArrayList<>(tokens.subList(a, b));
    }

    // ------------------------------------------------------------------ #if expressions

    private long evaluate(String expr) {
        List<String> tokens = CLexer.tokenize(expr);
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).equals("defined")) {
                resolved.add(tokens.get(i));
                continue;
            }
            int j = i + 1;
            while (tokens.get(j).isBlank() || tokens.get(j).equals("(")) {
                j++;
            }
            resolved.add(macros.containsKey(tokens.get(j)) ? "1" : "0");
            i = j;
            while (i + 1 < tokens.size() && (tokens.get(i + 1).isBlank() || tokens.get(i + 1).equals(")"))) {
                i++;
            }
        }
        List<String> t = new ArrayList<>();
        for (String s : expand(resolved, Set.of())) {
            if (!s.isBlank()) {
                t.add(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_' ? "0" : s);
            }
        }
        Expression e = new Expression(t);
        long v = e.binary(0);
        if (e.at != t.size()) {
            throw new IllegalStateException("cannot evaluate #if " + expr);
        }
        return v;
    }

    /** Precedence climbing over C's integer operators. */
    private static final class Expression {
        private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"), List.of("==", "!="),
                List.of("<", "<=", ">", ">="), List.of("+", "-"), List.of("*", "/", "%"));
        private final List<String> t;
        private int at;

        Expression(List<String> t) {
            this.t = t;
        }

        long binary(int level) {
            if (level == LEVELS.size()) {
                return unary();
            }
            long v = binary(level + 1);
            while (at < t.size() && LEVELS.get(level).contains(t.get(at))) {
                String op = t.get(at++);
                long r = binary(level + 1);
                v = switch (op) {
                    case "||" -> (v != 0 || r != 0) ? 1 : 0;
                    case "&&" -> (v != 0 && r != 0) ? 1 : 0;
                    case "==" -> v == r ? 1 : 0;
                    case "!=" -> v != r ? 1 : 0;
                    case "<" -> v < r ? 1 : 0;
                    case "<=" -> v <= r ? 1 : 0;
                    case ">" -> v > r ? 1 : 0;
                    case ">=" -> v >= r ? 1 : 0;
                    case "+" -> v + r;
                    case "-" -> v - r;
                    case "*" -> v * r;
                    case "/" -> v / r;
                    default -> v % r;
                };
            }
            return v;
        }

        long unary() {
            String s = t.get(at++);
            return switch (s) {
                case "!" -> unary() == 0 ? 1 : 0;
                case "-" -> -unary();
                case "+" -> unary();
                case "(" -> {
                    long v = binary(0);
                    at++; // ")"
                    yield v;
                }
                default -> Long.decode(s.replaceAll("[uUlL]+$", ""));
            };
        }
    }
}
