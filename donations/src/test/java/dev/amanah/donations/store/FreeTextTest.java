package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Free text is stored as typed or refused: blank, too long, control characters and half surrogate pairs are refused. */
class FreeTextTest {

    @Test
    void text_in_any_script_within_the_length_passes() {
        assertThat(FreeText.problem("Account closed — family moved to Kraków", 100)).isEmpty();
        assertThat(FreeText.problem("زكاة 🌙 ok", 10)).isEmpty();
        assertThat(FreeText.problem("x".repeat(500), 500)).isEmpty();
    }

    /** What every door trims from text a person typed: spaces, never a control character, which the rule then refuses. */
    @Test
    void trimming_removes_the_spaces_around_text_and_no_control_character() {
        assertThat(FreeText.trimmed("  Aisha\u00A0\u3000")).isEqualTo("Aisha");
        assertThat(FreeText.trimmed("Aisha Khan")).isEqualTo("Aisha Khan");
        assertThat(FreeText.trimmed("   ")).isEmpty();
        for (var text : new String[] {"Aisha\t", "\nAisha", " Aisha\u0000 ", "\u0001Aisha", "Aisha\r\n"}) {
            assertThat(FreeText.nameProblem(FreeText.trimmed(text))).as(text).contains(
                    "must not contain control characters (such as a line break or the zero character U+0000)");
        }
    }

    /** A note or a reason is shown to other staff: a direction override could make it read as other text there, as a name on a receipt. */
    @Test
    void text_shown_to_others_is_refused_a_direction_override_or_isolate_as_a_name_is() {
        assertThat(FreeText.shownProblem("card \u202Edelots", 500))
                .contains("must not contain a character that changes the text's direction (U+202E), which could make it read as other text");
        assertThat(FreeText.shownProblem("\u2068called back\u2069", 500)).isPresent();
        assertThat(FreeText.shownProblem("اتصلت \u200Fبالمتبرع", 500)).isEmpty();
        assertThat(FreeText.shownProblem("x".repeat(501), 500)).contains("must be 1 to 500 characters");
    }

    @Test
    void blank_and_too_long_text_is_refused_with_the_bounds() {
        assertThat(FreeText.problem(" \t", 500)).contains("must be 1 to 500 characters");
        assertThat(FreeText.problem("", 500)).isPresent();
        assertThat(FreeText.problem(null, 500)).isPresent();
        assertThat(FreeText.problem("x".repeat(501), 500)).contains("must be 1 to 500 characters");
    }

    @Test
    void control_characters_are_refused_the_zero_character_first_of_all() {
        for (var text : new String[] {"a\u0000b", "\u0000", "a\u0007b", "line\nbreak", "a\rb", "tab\there", "a\u007Fb", "a\u0085b", "a\u009Fb"}) {
            assertThat(FreeText.problem(text, 500)).as(text.codePoints().boxed().toList().toString())
                    .hasValueSatisfying(p -> assertThat(p).contains("control characters"));
        }
    }

    /** Unicode's own line and paragraph separators break a line as a line feed does: a one-line field refuses them alike. */
    @Test
    void unicodes_line_and_paragraph_separators_are_refused_as_line_breaks() {
        for (var text : new String[] {"Aisha\u2028Khan", "note\u2029", "\u2029Aisha"}) {
            assertThat(FreeText.problem(text, 500)).as(text.codePoints().boxed().toList().toString())
                    .contains("must not contain control characters (such as a line break or the zero character U+0000)");
        }
    }

    @Test
    void half_a_surrogate_pair_is_refused_a_whole_pair_passes() {
        for (var text : new String[] {"a\uD800b", "a\uDC00", "\uD83C", "\uDF19\uD83C"}) {
            assertThat(FreeText.problem(text, 500)).as(text.chars().boxed().toList().toString())
                    .hasValueSatisfying(p -> assertThat(p).contains("Unicode"));
        }
        assertThat(FreeText.problem("\uD83C\uDF19", 500)).isEmpty();
    }

    @Test
    void a_name_with_a_bidirectional_override_embedding_or_isolate_is_refused_saying_why() {
        // U+202E before "live" shows "evil" on a receipt: a name could spoof the text beside it
        for (int c : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            assertThat(FreeText.nameProblem("Aisha " + (char) c + "live"))
                    .as("U+%04X", c)
                    .hasValueSatisfying(p -> assertThat(p).contains("direction").contains("U+%04X".formatted(c)));
        }
    }

    @Test
    void names_in_right_to_left_and_mixed_scripts_pass_with_the_marks_their_keyboards_type() {
        assertThat(FreeText.nameProblem("عائشة بنت أحمد")).isEmpty();
        assertThat(FreeText.nameProblem("שרה כהן")).isEmpty();
        assertThat(FreeText.nameProblem("Aisha (عائشة) 2")).isEmpty();
        // LRM, RLM and the Arabic letter mark only set the direction of neutral characters beside
        // them: they cannot reverse a run of letters, and right-to-left keyboards type them
        assertThat(FreeText.nameProblem("عائشة\u200F (Aisha)\u200E")).isEmpty();
        assertThat(FreeText.nameProblem("\u061Cعائشة")).isEmpty();
    }
}
