package dev.sinapsis.examples.xor;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.List;

/**
 * A two-layer network of sigmoid units, {@code 2 → hidden → 1}, with its forward pass written
 * out twice (one input by hand, and vectorised over a batch) and its backward pass written out
 * as the chain rule (no autograd), trained by gradient descent with momentum on the mean squared
 * error {@code E = 1/(2N) Σ (y − t)²}.
 *
 * <pre>
 *   forward:  H = σ(X W1ᵀ + b1)        Y = σ(H W2ᵀ + b2)
 *   backward: δ2 = (Y − T) ⊙ Y(1 − Y) / N          dW2 = δ2ᵀ H    db2 = Σ δ2
 *             δ1 = (δ2 W2) ⊙ H(1 − H)              dW1 = δ1ᵀ X    db1 = Σ δ1
 * </pre>
 */
public final class XorNetwork {
    private final Tensor w1;
    private final Tensor b1;
    private final Tensor w2;
    private final Tensor b2;
    private final List<Tensor> velocity;

    /** Weights uniform in [−1, 1), biases zero, in {@code dtype}. */
    public XorNetwork(int hidden, Generator gen, DType dtype) {
        this(Tensor.uniform(gen, Shape.of(hidden, 2), dtype, -1, 1), Tensor.zeros(Shape.of(hidden), dtype),
                Tensor.uniform(gen, Shape.of(1, hidden), dtype, -1, 1), Tensor.zeros(Shape.of(1), dtype));
    }

    /** A network with the given parameters ({@code [h, 2]}, {@code [h]}, {@code [1, h]}, {@code [1]}); it keeps them. */
    public XorNetwork(Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.velocity = List.of(Tensor.zerosLike(w1), Tensor.zerosLike(b1), Tensor.zerosLike(w2), Tensor.zerosLike(b2));
    }

    /** The parameters W1, b1, W2, b2. */
    public List<Tensor> parameters() {
        return List.of(w1, b1, w2, b2);
    }

    /** Hidden activations {@code σ(X W1ᵀ + b1)} of a batch {@code x} ({@code [n, 2]}): {@code [n, hidden]}. */
    public Tensor hidden(Tensor x) {
        return x.matmul(w1.t()).add(b1).sigmoid();
    }

    /** The vectorised forward pass: outputs {@code [n, 1]} of a batch {@code x} ({@code [n, 2]}). */
    public Tensor forward(Tensor x) {
        return hidden(x).matmul(w2.t()).add(b2).sigmoid();
    }

    /**
     * The forward pass of one input written out neuron by neuron, as on the blackboard:
     * {@code h_j = σ(w1[j,0] x1 + w1[j,1] x2 + b1[j])}, {@code y = σ(Σ_j w2[0,j] h_j + b2)}.
     *
     * @return the hidden activations followed by the output
     */
    public double[] forwardByHand(double x1, double x2) {
        double[] a = w1.to(DType.F64).toDoubleArray();
        double[] b = b1.to(DType.F64).toDoubleArray();
        double[] v = w2.to(DType.F64).toDoubleArray();
        double c = b2.to(DType.F64).toDoubleArray()[0];
        int hidden = b.length;
        double[] out = new double[hidden + 1];
        double sum = c;
        for (int j = 0; j < hidden; j++) {
            out[j] = sigmoid(a[2 * j] * x1 + a[2 * j + 1] * x2 + b[j]);
            sum += v[j] * out[j];
        }
        out[hidden] = sigmoid(sum);
        return out;
    }

    /** The loss {@code 1/(2N) Σ (y − t)²} of a batch. */
    public Tensor loss(Tensor x, Tensor t) {
        return forward(x).sub(t).square().mean().mul(0.5);
    }

    /** The gradients of {@link #loss} with respect to W1, b1, W2, b2 by the chain rule written out. */
    public List<Tensor> gradients(Tensor x, Tensor t) {
        int n = x.dim(0);
        Tensor h = hidden(x);                                              // [n, hidden]
        Tensor y = h.matmul(w2.t()).add(b2).sigmoid();                     // [n, 1]
        Tensor d2 = y.sub(t).mul(y.mul(y.neg().add(1))).div(n);             // dE/dz2, [n, 1]
        Tensor d1 = d2.matmul(w2).mul(h.mul(h.neg().add(1)));               // dE/dz1, [n, hidden]
        return List.of(d1.t().matmul(x), d1.sum(0), d2.t().matmul(h), d2.sum(0));
    }

    /** One step of gradient descent with momentum: {@code v ← μ v − lr g}, {@code θ ← θ + v}. */
    public void step(List<Tensor> gradients, double lr, double momentum) {
        List<Tensor> params = parameters();
        for (int i = 0; i < params.size(); i++) {
            Tensor v = velocity.get(i);
            v.copyFrom(v.mul(momentum).sub(gradients.get(i).mul(lr)));
            params.get(i).addInPlace(v, 1.0);
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
