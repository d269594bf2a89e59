package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What passes for a donor's e-mail address: loose, but a domain made of labels, none of them empty. */
class DonorEmailTest {

    @Test
    void addresses_with_a_dotted_domain_pass_in_any_script() {
        for (var email : new String[] {"a@b.c", "aisha.ahmed+zakat@mail.example.co.uk", "عائشة@مثال.شبكة", "a@bücher.de"}) {
            assertThat(Donor.isPlausibleEmail(email)).as(email).isTrue();
        }
    }

    @Test
    void a_domain_with_an_empty_label_is_refused() {
        // no mail server answers for such a domain: the receipt could never arrive
        for (var email : new String[] {"a@b..c", "a@.b.c", "a@b.c.", "a@..", "a@b.c..d"}) {
            assertThat(Donor.isPlausibleEmail(email)).as(email).isFalse();
        }
    }

    @Test
    void a_local_part_with_an_empty_dot_separated_part_is_refused() {
        // RFC 5322's dot-atom: mail systems refuse such an address, so the receipt could never leave
        for (var email : new String[] {"a..b@x.org", ".a@x.org", "a.@x.org", ".@x.org", "a...b@x.org"}) {
            assertThat(Donor.isPlausibleEmail(email)).as(email).isFalse();
        }
        for (var email : new String[] {"a.b@x.org", "a.b.c+d@x.org", "x".repeat(64) + "@x.org"}) {
            assertThat(Donor.isPlausibleEmail(email)).as(email).isTrue();
        }
        assertThat(Donor.isPlausibleEmail("x".repeat(65) + "@x.org")).isFalse();
    }

    @Test
    void no_at_two_ats_a_blank_or_no_dot_in_the_domain_is_refused() {
        for (var email : new String[] {"ab.c", "a@b@c.d", "a b@c.d", "a@bc", "@b.c", "a@b.c\n"}) {
            assertThat(Donor.isPlausibleEmail(email)).as(email).isFalse();
        }
    }
}
