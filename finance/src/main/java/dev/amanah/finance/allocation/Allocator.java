package dev.amanah.finance.allocation;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits an amount into parts that always add up to the whole, to the minor unit.
 *
 * <p>The seed's {@code div(pool, n)} pays 100 to three people as 33 + 33 + 33 and loses one unit;
 * this never does. Guarantees, for a total of {@code T} minor units and ratios {@code r}:
 * <ul>
 *   <li>the parts sum to exactly {@code T};</li>
 *   <li>each part is within one minor unit of its exact share {@code T × rᵢ / Σr} (its floor or
 *       its ceiling);</li>
 *   <li>a part with ratio zero gets exactly zero;</li>
 *   <li>the result depends only on the inputs (no randomness, no hash order).</li>
 * </ul>
 *
 * <p><b>Implementation notes.</b> Largest-remainder (Hamilton) method in integer arithmetic:
 * ratios are scaled to integers {@code wᵢ}, each part starts at {@code floor(T·wᵢ / W)}, and the
 * {@code k < n} units left over go one each to the parts with the largest remainders
 * {@code T·wᵢ mod W}. <b>Tie-break:</b> among equal remainders the part that comes first in the
 * list gets the unit — so {@code evenly(100, 3)} is {@code [34, 33, 33]}. A zero-ratio part has
 * remainder zero and, since the {@code k} leftover units need at least {@code k + 1} positive
 * remainders, never receives one. A negative total (a reversal) splits as the mirror of its
 * positive: {@code evenly(-100, 3)} is {@code [-34, -33, -33]}, so reversing each part of a split
 * cancels it part by part, not only in sum.
 */
public final class Allocator {
    private Allocator() {
    }

    /**
     * Splits evenly into {@code parts} parts; earlier parts get the leftover units.
     *
     * @throws FinanceException {@code INVALID_PARTS} if {@code parts < 1}
     */
    public static List<Money> evenly(Money total, int parts) {
        if (parts < 1) {
            throw new FinanceException(ErrorCode.INVALID_PARTS, "parts", "need at least one part, was " + parts);
        }
        return byRatios(total, Collections.nCopies(parts, BigDecimal.ONE));
    }

    /**
     * Splits in proportion to {@code ratios} (any non-negative decimals: weights, percentages,
     * shares); part {@code i} corresponds to ratio {@code i}.
     *
     * @throws FinanceException {@code INVALID_RATIO} if the list is empty, a ratio is negative,
     *                          or all ratios are zero
     */
    public static List<Money> byRatios(Money total, List<BigDecimal> ratios) {
        if (total.isNegative()) {
            return byRatios(total.negate(), ratios).stream().map(Money::negate).toList();
        }
        var weights = integerWeights(ratios);
        var sumOfWeights = weights.stream().reduce(BigInteger.ZERO, BigInteger::add);
        var units = total.amount().unscaledValue();
        var largestWeight = weights.stream().reduce(BigInteger.ZERO, BigInteger::max);
        // |units × weight| < 2^(bits of units + bits of weight): no product, sum or remainder overflows.
        if (units.bitLength() + largestWeight.bitLength() < Long.SIZE - 1 && sumOfWeights.bitLength() < Long.SIZE - 1) {
            return inLongs(total, weights, sumOfWeights.longValueExact());
        }
        return inBigIntegers(total, weights, sumOfWeights);
    }

    /**
     * The method in {@code long} arithmetic, for when nothing can overflow (any realistic total and
     * ratios): the same parts as {@link #inBigIntegers} with a fraction of its memory and time, which
     * shows at 100,000 recipients.
     */
    static List<Money> inLongs(Money total, List<BigInteger> weights, long sumOfWeights) {
        long units = total.amount().unscaledValue().longValueExact();
        int n = weights.size();
        var floors = new long[n];
        var remainders = new long[n];
        long leftover = units;
        for (int i = 0; i < n; i++) {
            long share = units * weights.get(i).longValueExact();
            floors[i] = Math.floorDiv(share, sumOfWeights);
            remainders[i] = Math.floorMod(share, sumOfWeights);
            leftover -= floors[i];
        }
        for (int index : largestRemaindersFirst(n, (a, b) -> Long.compare(remainders[b], remainders[a]), leftover)) {
            floors[index]++;
        }
        var parts = new ArrayList<Money>(n);
        for (long minor : floors) {
            parts.add(Money.of(BigDecimal.valueOf(minor, total.scale()), total.currency()));
        }
        return List.copyOf(parts);
    }

    /** The method in {@link BigInteger} arithmetic, for any total and ratios. */
    static List<Money> inBigIntegers(Money total, List<BigInteger> weights, BigInteger sumOfWeights) {
        var units = total.amount().unscaledValue();
        var floors = new ArrayList<BigInteger>(weights.size());
        var remainders = new ArrayList<BigInteger>(weights.size());
        for (var weight : weights) {
            var qr = floorDivMod(units.multiply(weight), sumOfWeights);
            floors.add(qr[0]);
            remainders.add(qr[1]);
        }
        var leftover = units.subtract(floors.stream().reduce(BigInteger.ZERO, BigInteger::add)).longValueExact();
        for (int index : largestRemaindersFirst(weights.size(), (a, b) -> remainders.get(b).compareTo(remainders.get(a)), leftover)) {
            floors.set(index, floors.get(index).add(BigInteger.ONE));
        }
        return floors.stream()
                .map(minor -> Money.of(new BigDecimal(minor, total.scale()), total.currency()))
                .toList();
    }

    /**
     * The indices of the {@code count} parts that get a leftover unit: largest remainder first, and
     * the stable sort keeps list order among equal remainders.
     */
    private static List<Integer> largestRemaindersFirst(int parts, Comparator<Integer> byRemainderDescending, long count) {
        return IntStream.range(0, parts).boxed().sorted(byRemainderDescending).limit(count).toList();
    }

    private static List<BigInteger> integerWeights(List<BigDecimal> ratios) {
        if (ratios.isEmpty()) {
            throw new FinanceException(ErrorCode.INVALID_RATIO, "ratios", "need at least one ratio");
        }
        var maxScale = 0;
        for (var i = 0; i < ratios.size(); i++) {
            var ratio = ratios.get(i);
            if (ratio.signum() < 0) {
                throw new FinanceException(ErrorCode.INVALID_RATIO, "ratios[" + i + "]", "a ratio must not be negative, was " + ratio);
            }
            maxScale = Math.max(maxScale, ratio.stripTrailingZeros().scale());
        }
        var scale = maxScale;
        var weights = ratios.stream().map(r -> r.movePointRight(scale).toBigIntegerExact()).toList();
        if (weights.stream().allMatch(w -> w.signum() == 0)) {
            throw new FinanceException(ErrorCode.INVALID_RATIO, "ratios", "at least one ratio must be positive");
        }
        return weights;
    }

    private static BigInteger[] floorDivMod(BigInteger dividend, BigInteger divisor) {
        var qr = dividend.divideAndRemainder(divisor);
        if (qr[1].signum() < 0) {
            return new BigInteger[] {qr[0].subtract(BigInteger.ONE), qr[1].add(divisor)};
        }
        return qr;
    }
}
