package dev.sinapsis.examples.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * The defining properties of the Hodgkin–Huxley example, with an independent reference: Commons
 * Math's adaptive Dormand–Prince 8(5,3) integrator at a tight tolerance.
 */
class HodgkinHuxleyTest {
    private static final HodgkinHuxley HH = HodgkinHuxley.SQUID;
    private static final double DT = HodgkinHuxleyExample.DT;

    @Test
    void restsNearMinus65Millivolts() {
        Trace t = new Simulation(HH, Integrator.EULER, DT, 0, 0).run(200, 100);
        double[] range = t.voltageRange();
        assertEquals(-65.0, t.v()[t.v().length - 1], 0.05);
        assertTrue(range[0] > -65.2 && range[1] < -64.8, "drifted from rest: " + range[0] + ".." + range[1]);
        assertTrue(t.spikes().isEmpty());
    }

    /** A small current gives at most an onset response, never a train; 10 µA/cm² fires on and on. */
    @Test
    void repetitiveFiringAtTenNotAtTwo() {
        Trace small = new Simulation(HH, Integrator.EULER, DT, 0, 2.0).run(500, Integer.MAX_VALUE);
        assertTrue(small.spikesAfter(50).isEmpty(), "spikes at 2 uA/cm2: " + small.spikes());
        assertEquals(0.0, new Simulation(HH, Integrator.EULER, DT, 0, 2.0).firingRate(1000, 200));

        Trace ten = new Simulation(HH, Integrator.EULER, DT, 0, 10.0).run(1000, Integer.MAX_VALUE);
        List<Spike> late = ten.spikesAfter(200);
        assertTrue(late.size() >= 40, "a train at 10 uA/cm2 has ~54 spikes in 800 ms, got " + late.size());
        double rate = new Simulation(HH, Integrator.EULER, DT, 0, 10.0).firingRate(1000, 200);
        assertTrue(rate > 60 && rate < 75, "rate at 10 uA/cm2 (about 68 Hz for the 1952 model): " + rate);
        for (Spike s : ten.spikes()) {
            assertTrue(s.peak() > 30.0, "spike peak below +30 mV: " + s);
        }
    }

    @Test
    void eulerAgreesWithRk4OnTheFirstSpikeTimes() {
        Trace euler = new Simulation(HH, Integrator.EULER, DT, 10, 10.0).run(100, Integer.MAX_VALUE);
        Trace rk4 = new Simulation(HH, Integrator.RK4, DT, 10, 10.0).run(100, Integer.MAX_VALUE);
        assertTrue(euler.spikes().size() >= 5 && rk4.spikes().size() >= 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(rk4.spikes().get(i).time(), euler.spikes().get(i).time(), 0.05, "spike " + i);
        }
        // with a step 5 times larger the first spike is visibly late: the agreement above is the step's doing
        Trace coarse = new Simulation(HH, Integrator.EULER, 0.05, 10, 10.0).run(100, Integer.MAX_VALUE);
        assertTrue(coarse.spikes().get(0).time() - rk4.spikes().get(0).time() > 0.05);
    }

    /** RK4 against an independent adaptive 8th-order integrator: the spike times to 1 µs. */
    @Test
    void rk4MatchesAnIndependentHighOrderIntegrator() {
        List<Double> reference = referenceSpikeTimes(10.0, 60.0);
        Trace rk4 = new Simulation(HH, Integrator.RK4, DT, 0, 10.0).run(60, Integer.MAX_VALUE);
        assertEquals(reference.size(), rk4.spikes().size());
        assertTrue(reference.size() >= 3);
        for (int i = 0; i < reference.size(); i++) {
            assertEquals(reference.get(i), rk4.spikes().get(i).time(), 1e-3, "spike " + i);
        }
    }

    /**
     * Halving the step halves Euler's error (first order) and divides RK4's by about 16 (fourth
     * order; at these steps the ratio is still above its limit, about 24).
     */
    @Test
    void convergenceOrders() {
        double exact = referenceVoltage(10.0, 1.0);      // on the way up, before the first spike
        double e1 = Math.abs(voltageAt(Integrator.EULER, 0.02, 1.0) - exact);
        double e2 = Math.abs(voltageAt(Integrator.EULER, 0.01, 1.0) - exact);
        assertEquals(2.0, e1 / e2, 0.2, "Euler: " + e1 + " then " + e2);
        double r1 = Math.abs(voltageAt(Integrator.RK4, 0.05, 1.0) - exact);
        double r2 = Math.abs(voltageAt(Integrator.RK4, 0.025, 1.0) - exact);
        assertTrue(r1 / r2 > 12 && r1 / r2 < 32, "RK4 (a third-order method gives 8): " + r1 + " then " + r2);
    }

    @Test
    void ratesHaveTheirLimitsAtTheRemovableSingularities() {
        assertEquals(0.1, HodgkinHuxley.alphaN(-55.0), 1e-12);
        assertEquals(1.0, HodgkinHuxley.alphaM(-40.0), 1e-12);
        assertEquals(0.1, HodgkinHuxley.alphaN(-55.0 + 1e-7), 1e-8);
        assertEquals(1.0, HodgkinHuxley.alphaM(-40.0 - 1e-7), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new Simulation(HH, Integrator.EULER, 0.5, 0, 0));
    }

    private static double voltageAt(Integrator method, double dt, double time) {
        Trace t = new Simulation(HH, method, dt, 0, 10.0).run(time, (int) Math.round(time / dt));
        return t.v()[t.v().length - 1];
    }

    private static FirstOrderDifferentialEquations equations(double current) {
        return new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return HodgkinHuxley.SIZE;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                HH.derivatives(current, y, yDot);
            }
        };
    }

    private static double referenceVoltage(double current, double time) {
        double[] y = HH.restingState(Simulation.START);
        new DormandPrince853Integrator(1e-8, 0.01, 1e-12, 1e-12).integrate(equations(current), 0, y, time, y);
        return y[HodgkinHuxley.V];
    }

    /** Upward crossings of 0 mV, located by the integrator's event handling. */
    private static List<Double> referenceSpikeTimes(double current, double duration) {
        List<Double> times = new ArrayList<>();
        DormandPrince853Integrator ode = new DormandPrince853Integrator(1e-8, 0.01, 1e-12, 1e-12);
        ode.addEventHandler(new org.apache.commons.math3.ode.events.EventHandler() {
            @Override
            public void init(double t0, double[] y0, double t) {
            }

            @Override
            public double g(double t, double[] y) {
                return y[HodgkinHuxley.V] - Simulation.SPIKE_THRESHOLD;
            }

            @Override
            public Action eventOccurred(double t, double[] y, boolean increasing) {
                if (increasing) {
                    times.add(t);
                }
                return Action.CONTINUE;
            }

            @Override
            public void resetState(double t, double[] y) {
            }
        }, 0.05, 1e-9, 1000);
        double[] y = HH.restingState(Simulation.START);
        ode.integrate(equations(current), 0, y, duration, y);
        return times;
    }
}
