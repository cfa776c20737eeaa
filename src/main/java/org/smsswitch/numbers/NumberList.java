package org.smsswitch.numbers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;

/**
 * A client's list of phone numbers, read as E.164: the distinct numbers in list order, and for each
 * entry of the list the reason it was left out (not a number, or listed before), if it was.
 */
public final class NumberList {
    private final List<String> input;
    private final List<String> numbers;
    private final List<SwitchException> problems;

    private NumberList(List<String> input, List<String> numbers, List<SwitchException> problems) {
        this.input = input;
        this.numbers = numbers;
        this.problems = problems;
    }

    /**
     * @throws SwitchException {@code MISSING_FIELD} for an empty list, {@code TOO_MANY_NUMBERS} for one
     *     longer than {@code max}
     */
    public static NumberList parse(List<String> input, String field, int max) {
        if (input == null || input.isEmpty()) {
            throw SwitchException.missing(field);
        }
        if (input.size() > max) {
            throw new SwitchException(ErrorCode.TOO_MANY_NUMBERS, field, "At most " + max
                    + " numbers in one call; this one has " + input.size() + ". Split it into several calls.");
        }
        Set<String> distinct = new LinkedHashSet<>();
        List<SwitchException> problems = new ArrayList<>(Collections.nCopies(input.size(), null));
        for (int i = 0; i < input.size(); i++) {
            try {
                String number = PhoneNumber.parse(input.get(i), field);
                if (!distinct.add(number)) {
                    problems.set(i, new SwitchException(ErrorCode.DUPLICATE_NUMBER, field,
                            number + " is listed more than once; it counts once."));
                }
            } catch (SwitchException e) {
                problems.set(i, e);
            }
        }
        return new NumberList(List.copyOf(input), List.copyOf(distinct), problems);
    }

    /** The distinct valid numbers, E.164, in the order first listed. */
    public List<String> numbers() {
        return numbers;
    }

    /** The entries as given. */
    public List<String> input() {
        return input;
    }

    /** Why entry {@code i} was left out, or null when it is one of {@link #numbers()}. */
    public SwitchException problem(int i) {
        return problems.get(i);
    }

    /** How many entries were left out. */
    public int leftOut() {
        return input.size() - numbers.size();
    }
}
