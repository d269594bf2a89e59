package dev.amanah.donations.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {
    @Test
    void equal_words_are_at_distance_zero() {
        assertThat(EditDistance.between("", "")).isZero();
        assertThat(EditDistance.between("year", "year")).isZero();
    }

    @Test
    void each_insertion_deletion_or_substitution_counts_one() {
        assertThat(EditDistance.between("", "out")).isEqualTo(3);
        assertThat(EditDistance.between("balnce", "balance")).isEqualTo(1);
        assertThat(EditDistance.between("retry-failed", "retry-faild")).isEqualTo(1);
        assertThat(EditDistance.between("rate", "rats")).isEqualTo(1);
        assertThat(EditDistance.between("out-dir", "out")).isEqualTo(4);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void a_swap_of_two_adjacent_letters_counts_one_not_two() {
        assertThat(EditDistance.between("yaer", "year")).isEqualTo(1);
        assertThat(EditDistance.between("mnoth", "month")).isEqualTo(1);
        assertThat(EditDistance.between("ab", "ba")).isEqualTo(1);
    }

    @Test
    void no_part_is_edited_twice_so_a_swap_then_an_insertion_between_costs_three() {
        // the unrestricted distance would be 2 (ca -> ac -> abc); the restricted form may not edit the swapped pair again
        assertThat(EditDistance.between("ca", "abc")).isEqualTo(3);
    }

    @Test
    void it_is_symmetric() {
        for (var pair : new String[][] {{"yaer", "year"}, {"ca", "abc"}, {"slver", "silver-price"}, {"", "x"}}) {
            assertThat(EditDistance.between(pair[0], pair[1])).isEqualTo(EditDistance.between(pair[1], pair[0]));
        }
    }
}
