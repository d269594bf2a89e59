package dev.amanah.donations.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the arguments picocli left unmatched were typed. Picocli names the unmatched words but not
 * their places, and a word typed twice cannot be placed by its text: in
 * {@code import --dry x.csv x.csv} the first {@code x.csv} is taken for FILE and the second is
 * left over. This walks the arguments as picocli does: the command's names, then each known option
 * with the values its arity takes, the positional parameters up to their number, and everything
 * else unmatched. Stateless.
 */
final class UnmatchedPlaces {
    private static final Pattern NUMBER = Pattern.compile("-\\d+(\\.\\d+)?");

    private UnmatchedPlaces() {
    }

    /**
     * The index in {@code args} (all the arguments typed, command names included) of each word of
     * {@code unmatched}, in order; empty when the walk does not find exactly those words (an
     * option taking a variable number of values, {@code --}, a cluster of short options), so no
     * place is known.
     */
    static Optional<List<Integer>> of(CommandLine command, String[] args, List<String> unmatched) {
        var start = depth(command);
        var spec = command.getCommandSpec();
        if (start > args.length || start > 0 && !isNameOf(spec, args[start - 1])) {
            return Optional.empty();
        }
        var positionals = spec.positionalParameters().stream().mapToLong(p -> p.arity().max()).sum();
        var places = new ArrayList<Integer>();
        for (var i = start; i < args.length; i++) {
            var name = args[i].split("=", 2)[0];
            var option = Optional.ofNullable(spec.findOption(name)).orElse(spec.negatedOptionsMap().get(name));
            if (option != null) {
                var values = args[i].contains("=") ? 0 : valuesTaken(option);
                if (values < 0) {
                    return Optional.empty();
                }
                i += values;
            } else if (isOption(args[i]) || positionals-- <= 0) {
                places.add(i);
            }
        }
        return places.stream().map(i -> args[i]).toList().equals(unmatched) ? Optional.of(places) : Optional.empty();
    }

    /**
     * Whether picocli reads {@code arg} as an option's name: it starts with a minus sign and is not
     * a number ({@code -2026} is a value, taken for a positional parameter when there is one).
     */
    static boolean isOption(String arg) {
        return arg.length() > 1 && arg.startsWith("-") && !NUMBER.matcher(arg).matches();
    }

    private static boolean isNameOf(CommandSpec spec, String word) {
        return spec.name().equals(word) || List.of(spec.aliases()).contains(word);
    }

    private static int depth(CommandLine command) {
        var depth = 0;
        for (var parent = command.getParent(); parent != null; parent = parent.getParent()) {
            depth++;
        }
        return depth;
    }

    /** How many of the words after it {@code option} takes as its values, or -1 when that depends on the words. */
    private static int valuesTaken(OptionSpec option) {
        var arity = option.arity();
        return arity.min() == arity.max() ? arity.min() : -1;
    }
}
