package dev.sinapsis.examples.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cart-pole's dynamics and the defining property of neuroevolution. */
class NeuroevolutionTest {
    /** Mirroring the state and the push mirrors the trajectory (the dynamics are odd). */
    @Test
    void dynamicsAreMirrorSymmetric() {
        CartPole a = new CartPole(0.1, -0.2, 0.05, 0.3);
        CartPole b = new CartPole(-0.1, 0.2, -0.05, -0.3);
        for (int t = 0; t < 50; t++) {
            boolean right = t % 3 == 0;
            a = a.step(right);
            b = b.step(!right);
            assertEquals(a.x(), -b.x(), 1e-12);
            assertEquals(a.theta(), -b.theta(), 1e-12);
            assertEquals(a.thetaDot(), -b.thetaDot(), 1e-12);
        }
    }

    /**
     * From rest, one push right: the cart accelerates right and the pole starts falling left, with
     * the accelerations of the equations at theta = 0: thetaAcc = -F / (M l (4/3 - m / M)) and
     * xAcc = F / M - m l thetaAcc / M.
     */
    @Test
    void firstStepMatchesTheEquationsAtRest() {
        CartPole s = new CartPole(0, 0, 0, 0).step(true);
        double total = CartPole.CART_MASS + CartPole.POLE_MASS;
        double thetaAcc = -CartPole.FORCE / total / (CartPole.HALF_LENGTH * (4.0 / 3 - CartPole.POLE_MASS / total));
        double xAcc = CartPole.FORCE / total - CartPole.POLE_MASS * CartPole.HALF_LENGTH * thetaAcc / total;
        assertEquals(CartPole.TAU * thetaAcc, s.thetaDot(), 1e-12);
        assertEquals(CartPole.TAU * xAcc, s.xDot(), 1e-12);
        assertEquals(0, s.theta(), 0);
    }

    /** Without control (always pushing one way) the pole falls within a second. */
    @Test
    void anUncontrolledPoleFalls() {
        int steps = CartPole.balance(new CartPole(0, 0, 0.01, 0), s -> true, 500);
        assertTrue(steps < 50, "balanced " + steps + " steps pushing right only");
    }

    /**
     * The defining property at the example's settings: the evolved policy balances 500 steps from
     * start states it never saw (at least 98 of 100; it does all 100), and evolution improved on the
     * random first generation, in training and from the unseen starts.
     */
    @Test
    void evolvedPolicyBalancesFromUnseenStarts() {
        long seed = 42;
        SplittableRandom starts = new SplittableRandom(seed).split();
        List<CartPole> train = new ArrayList<>();
        for (int i = 0; i < NeuroevolutionExample.TRAIN_STARTS; i++) {
            train.add(CartPole.randomStart(starts, NeuroevolutionExample.SPREAD));
        }
        double[] firstBest = new double[1];
        GeneticAlgorithm.Result r = new GeneticAlgorithm(NeuroevolutionExample.CONFIG,
                PolicyNetwork.genes(NeuroevolutionExample.HIDDEN), w -> NeuroevolutionExample.fitness(w, train))
                .run(seed, g -> {
                    if (g.index() == 0) {
                        firstBest[0] = g.best();
                    }
                });
        PolicyNetwork policy = new PolicyNetwork(NeuroevolutionExample.HIDDEN, r.best());
        List<CartPole> test = NeuroevolutionExample.unseenStarts(seed);
        assertTrue(test.stream().noneMatch(train::contains));
        int balanced = NeuroevolutionExample.balanced(policy, test);
        assertTrue(balanced >= 98, "balanced 500 steps from " + balanced + " of 100 unseen starts");
        assertEquals(1.0, r.bestFitness(), 0, "every training start balanced for 500 steps");
        assertTrue(firstBest[0] < 1.0, "the first generation already balanced every training start");
        int firstBalanced = NeuroevolutionExample.balanced(
                new PolicyNetwork(NeuroevolutionExample.HIDDEN, r.history().get(0).bestGenome()), test);
        assertTrue(balanced > firstBalanced, "evolved " + balanced + " vs first generation " + firstBalanced);
    }
}
