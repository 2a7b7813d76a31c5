package dev.sinapsis.examples.neuron;

import dev.sinapsis.examples.Charts;
import dev.sinapsis.examples.Charts.Series;
import dev.sinapsis.examples.Charts.Style;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.RunFiles;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * {@code sinapsis run hodgkin-huxley}: the squid-axon neuron of chapter 2 and appendix A,
 * integrated with Euler's method and with RK4 as the reference. It reports the resting
 * potential, the spikes under a step current (times, peaks, rate) with Euler's first spike times
 * against RK4's, and the firing rate against the current (the f–I curve); it draws the voltage
 * and gating variables over time and the f–I curve.
 *
 * <p>It simulates in plain Java doubles on the host (four coupled scalar equations; no tensors),
 * so it takes no {@code --backend}. Its options: {@code --current} (µA/cm², default 10) and
 * {@code --dt} (ms, default 0.01, the step both methods use). The seed is unused: the model is
 * deterministic.
 */
public final class HodgkinHuxleyExample implements Example {
    /** Default injected current (µA/cm²). */
    public static final double CURRENT = 10.0;
    /** Default step (ms): Euler's documented step, small against the ~1 ms rise of a spike. */
    public static final double DT = 0.01;
    /** The current switches on at this time in the trace (ms). */
    public static final double ONSET = 10.0;
    /** Length of the trace (ms). */
    public static final double TRACE_MS = 100.0;
    /** Length of each f–I simulation (ms). */
    public static final double FI_MS = 1000.0;
    /** Start of the window the f–I curve measures its steady rate in (ms). */
    public static final double FI_TRANSIENT_MS = 200.0;
    /** Currents of the f–I curve: 0 to 30 µA/cm² in steps of this. */
    public static final double FI_STEP = 0.5;
    /** Highest current of the f–I curve (µA/cm²). */
    public static final double FI_MAX = 30.0;
    /** How many first spikes Euler's times are compared on. */
    public static final int COMPARED_SPIKES = 5;
    private static final Color EULER = new Color(0x1f, 0x77, 0xb4);
    private static final Color REFERENCE = new Color(0xd6, 0x27, 0x28);

    @Override
    public String name() {
        return "hodgkin-huxley";
    }

    @Override
    public String summary() {
        return "ch. 2: Hodgkin-Huxley neuron by Euler's method (RK4 reference): spikes and f-I curve"
                + " (--current uA/cm2, --dt ms)";
    }

    @Override
    public Set<String> extraOptions() {
        return Set.of("--current", "--dt");
    }

    @Override
    public boolean usesTensors() {
        return false;
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        try {
            return simulate(options, out);
        } catch (IllegalStateException e) {      // a step too large for Euler's method: the user's --dt
            throw new ConfigException("--dt: " + e.getMessage() + " (the default is " + plain(DT) + " ms)", e);
        }
    }

    private Map<String, Object> simulate(ExampleOptions options, PrintStream out) throws IOException {
        if (options.epochs() != null) {
            throw new ConfigException("--epochs does not apply to " + name() + ": it simulates, it does not train");
        }
        double current = options.number("--current", CURRENT, -50, 200);
        double dt = options.number("--dt", DT, 1e-4, 0.1);
        HodgkinHuxley hh = HodgkinHuxley.SQUID;
        long start = System.nanoTime();
        out.printf(Locale.ROOT, "Hodgkin-Huxley neuron, squid axon (1952): C %.0f uF/cm2, gNa %.0f, gK %.0f, gL %.1f mS/cm2,"
                + " ENa %+.0f, EK %+.0f, EL %+.3f mV%n", hh.capacitance(), hh.gNa(), hh.gK(), hh.gL(), hh.eNa(), hh.eK(),
                hh.eL());
        out.printf(Locale.ROOT, "Euler's method with a step of %s ms; RK4 with the same step as the reference%n",
                plain(dt));

        Trace restTrace = new Simulation(hh, Integrator.EULER, dt, 0, 0).run(200, (int) Math.round(200 / dt));
        double rest = restTrace.v()[restTrace.v().length - 1];
        out.printf(Locale.ROOT, "Resting potential (no current, after 200 ms): %.2f mV%n", rest);

        int every = Math.max(1, (int) Math.round(0.05 / dt));
        Trace euler = new Simulation(hh, Integrator.EULER, dt, ONSET, current).run(TRACE_MS, every);
        Trace rk4 = new Simulation(hh, Integrator.RK4, dt, ONSET, current).run(TRACE_MS, every);
        double peak = euler.spikes().stream().mapToDouble(Spike::peak).max().orElse(Double.NaN);
        out.printf(Locale.ROOT, "I = %s uA/cm2 from t = %.0f ms: %d spikes in %.0f ms (RK4: %d), highest peak %+.1f mV%n",
                plain(current), ONSET, euler.spikes().size(), TRACE_MS, rk4.spikes().size(), peak);
        int compared = Math.min(COMPARED_SPIKES, Math.min(euler.spikes().size(), rk4.spikes().size()));
        double maxShift = 0;
        List<Double> eulerTimes = new ArrayList<>();
        List<Double> rk4Times = new ArrayList<>();
        for (int i = 0; i < compared; i++) {
            eulerTimes.add(round(euler.spikes().get(i).time(), 3));
            rk4Times.add(round(rk4.spikes().get(i).time(), 3));
            maxShift = Math.max(maxShift, Math.abs(euler.spikes().get(i).time() - rk4.spikes().get(i).time()));
        }
        if (compared > 0) {
            out.printf(Locale.ROOT, "First spike times (ms)  Euler %s%n                        RK4   %s%n"
                    + "  largest difference %.3f ms%n", eulerTimes, rk4Times, maxShift);
        }

        List<Double> currents = new ArrayList<>();
        List<Double> ratesEuler = new ArrayList<>();
        List<Double> ratesRk4 = new ArrayList<>();
        for (int i = 0; i * FI_STEP <= FI_MAX + 1e-9; i++) {
            double c = i * FI_STEP;
            currents.add(c);
            ratesEuler.add(round(new Simulation(hh, Integrator.EULER, dt, 0, c).firingRate(FI_MS, FI_TRANSIENT_MS), 2));
            ratesRk4.add(round(new Simulation(hh, Integrator.RK4, dt, 0, c).firingRate(FI_MS, FI_TRANSIENT_MS), 2));
        }
        double threshold = Double.NaN;
        for (int i = 0; i < currents.size(); i++) {
            if (ratesEuler.get(i) > 0) {
                threshold = currents.get(i);
                break;
            }
        }
        out.printf(Locale.ROOT, "f-I curve (step current from rest, rate over %.0f-%.0f ms): repetitive firing from"
                        + " %s uA/cm2 at %.1f Hz; %.1f Hz at 10, %.1f Hz at %s uA/cm2%n", FI_TRANSIENT_MS, FI_MS,
                Double.isNaN(threshold) ? "-" : plain(threshold), rateAt(currents, ratesEuler, threshold),
                rateAt(currents, ratesEuler, 10), rateAt(currents, ratesEuler, FI_MAX), plain(FI_MAX));
        double seconds = (System.nanoTime() - start) / 1e9;

        writeTrace(options, euler, rk4, current);
        writeFiCurve(options, currents, ratesEuler, ratesRk4, dt);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("example", name());
        summary.put("method", "euler");
        summary.put("reference", "rk4");
        summary.put("dt_ms", dt);
        summary.put("resting_potential_mv", round(rest, 3));
        summary.put("current_ua_cm2", current);
        summary.put("onset_ms", ONSET);
        summary.put("trace_ms", TRACE_MS);
        summary.put("spikes", euler.spikes().size());
        summary.put("spikes_rk4", rk4.spikes().size());
        summary.put("peak_mv", round(peak, 2));
        summary.put("first_spike_times_euler_ms", eulerTimes);
        summary.put("first_spike_times_rk4_ms", rk4Times);
        summary.put("max_spike_time_difference_ms", round(maxShift, 4));
        summary.put("fi_currents_ua_cm2", currents);
        summary.put("fi_rates_euler_hz", ratesEuler);
        summary.put("fi_rates_rk4_hz", ratesRk4);
        summary.put("repetitive_firing_from_ua_cm2", Double.isNaN(threshold) ? null : threshold);
        summary.put("seconds", round(seconds, 1));
        summary.put("out", options.out().toString());
        RunFiles.writeSummary(options.out(), Json.write(summary));
        out.println("Wrote " + options.out() + "/summary.json, trace.png, fi-curve.png");
        return summary;
    }

    private static void writeTrace(ExampleOptions options, Trace euler, Trace rk4, double current) throws IOException {
        String title = "Hodgkin-Huxley: I = " + plain(current) + " \u00b5A/cm\u00b2 from t = " + plain(ONSET) + " ms";
        XYChart v = Charts.xy(title + ": membrane potential", "time (ms)", "membrane potential V (mV)", List.of(
                new Series("Euler", euler.time(), euler.v(), Style.LINE, EULER),
                new Series("RK4 (reference)", rk4.time(), rk4.v(), Style.DASHED, REFERENCE)), 900, 420);
        XYChart gates = Charts.xy("gating variables (Euler)", "time (ms)", "open fraction", List.of(
                new Series("m (Na activation)", euler.time(), euler.m(), Style.LINE, new Color(0x2c, 0xa0, 0x2c)),
                new Series("h (Na inactivation)", euler.time(), euler.h(), Style.LINE, new Color(0x94, 0x67, 0xbd)),
                new Series("n (K activation)", euler.time(), euler.n(), Style.LINE, new Color(0xff, 0x7f, 0x0e))),
                900, 340);
        v.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        gates.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        v.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        gates.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        gates.getStyler().setYAxisMin(0.0);
        gates.getStyler().setYAxisMax(1.0);
        Charts.save(options.out().resolve("trace.png"), v, gates);
    }

    private static void writeFiCurve(ExampleOptions options, List<Double> currents, List<Double> euler,
                                     List<Double> rk4, double dt) throws IOException {
        double[] x = currents.stream().mapToDouble(Double::doubleValue).toArray();
        XYChart chart = Charts.xy("Hodgkin-Huxley f-I curve (step current from rest; rate over "
                        + plain(FI_TRANSIENT_MS) + "-" + plain(FI_MS) + " ms)", "injected current (\u00b5A/cm\u00b2)",
                "firing rate (Hz)", List.of(
                        new Series("Euler, dt " + plain(dt) + " ms", x,
                                euler.stream().mapToDouble(Double::doubleValue).toArray(), Style.LINE_POINTS, EULER),
                        new Series("RK4 (reference)", x, rk4.stream().mapToDouble(Double::doubleValue).toArray(),
                                Style.DASHED, REFERENCE)), 800, 500);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        Charts.save(options.out().resolve("fi-curve.png"), chart);
    }

    private static double rateAt(List<Double> currents, List<Double> rates, double current) {
        for (int i = 0; i < currents.size(); i++) {
            if (Math.abs(currents.get(i) - current) < 1e-9) {
                return rates.get(i);
            }
        }
        return Double.NaN;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
