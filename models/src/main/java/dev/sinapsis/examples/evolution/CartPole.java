package dev.sinapsis.examples.evolution;

/**
 * The cart-pole of Barto, Sutton and Anderson (1983), "Neuronlike adaptive elements that can solve
 * difficult learning control problems": a pole hinged on a cart that moves on a track, pushed left
 * or right by a force of 10 N, integrated with Euler steps of 0.02 s (the constants and equations
 * of the classic benchmark, without friction). The episode fails when the cart leaves the track
 * ({@code |x| > 2.4 m}) or the pole leans more than 12 degrees.
 *
 * @param x        cart position (m)
 * @param xDot     cart velocity (m/s)
 * @param theta    pole angle from vertical (rad)
 * @param thetaDot pole angular velocity (rad/s)
 */
public record CartPole(double x, double xDot, double theta, double thetaDot) {
    /** Gravity (m/s^2). */
    public static final double GRAVITY = 9.8;
    /** Mass of the cart (kg). */
    public static final double CART_MASS = 1.0;
    /** Mass of the pole (kg). */
    public static final double POLE_MASS = 0.1;
    /** Half the pole's length (m). */
    public static final double HALF_LENGTH = 0.5;
    /** Magnitude of the push (N). */
    public static final double FORCE = 10.0;
    /** Integration step (s). */
    public static final double TAU = 0.02;
    /** The track's half-length (m). */
    public static final double X_LIMIT = 2.4;
    /** The largest angle before failure (rad): 12 degrees. */
    public static final double THETA_LIMIT = 12 * Math.PI / 180;

    /** The state after pushing right ({@code right}) or left for one step. */
    public CartPole step(boolean right) {
        double force = right ? FORCE : -FORCE;
        double total = CART_MASS + POLE_MASS;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double temp = (force + POLE_MASS * HALF_LENGTH * thetaDot * thetaDot * sin) / total;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (HALF_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / total));
        double xAcc = temp - POLE_MASS * HALF_LENGTH * thetaAcc * cos / total;
        return new CartPole(x + TAU * xDot, xDot + TAU * xAcc, theta + TAU * thetaDot, thetaDot + TAU * thetaAcc);
    }

    /** Whether the cart left the track or the pole fell past 12 degrees. */
    public boolean failed() {
        return Math.abs(x) > X_LIMIT || Math.abs(theta) > THETA_LIMIT;
    }

    /** How a controller chooses the push from the state. */
    @FunctionalInterface
    public interface Controller {
        /** True to push right. */
        boolean pushRight(CartPole state);
    }

    /** Steps balanced from {@code start} under {@code controller}, at most {@code maxSteps}. */
    public static int balance(CartPole start, Controller controller, int maxSteps) {
        CartPole s = start;
        for (int t = 0; t < maxSteps; t++) {
            s = s.step(controller.pushRight(s));
            if (s.failed()) {
                return t;
            }
        }
        return maxSteps;
    }

    /** A start state with each component uniform in {@code [-s, s]} for the matching {@code s} of {@code spread}. */
    public static CartPole randomStart(java.util.SplittableRandom rng, CartPole spread) {
        return new CartPole(spread.x() * (2 * rng.nextDouble() - 1), spread.xDot() * (2 * rng.nextDouble() - 1),
                spread.theta() * (2 * rng.nextDouble() - 1), spread.thetaDot() * (2 * rng.nextDouble() - 1));
    }
}
