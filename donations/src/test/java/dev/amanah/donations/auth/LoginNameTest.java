package dev.amanah.donations.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.store.BothDatabases;
import dev.amanah.donations.store.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A name typed at the login page that no account can have is a failed login on both databases:
 * with a zero character, looking it up was a PostgreSQL error (the login page's 500).
 */
class LoginNameTest {
    private static final String PASSWORD = "a long enough passphrase";

    @BothDatabases
    void a_name_no_account_can_have_is_a_failed_login_not_a_database_error(TestDatabase db) {
        var accounts = new StaffAccounts(db.store().database(), new Passwords(4), Clock.systemUTC());
        accounts.add("amina", PASSWORD, Role.APPROVER);
        var login = new StaffLogin(accounts, new StaffDirectory(List.of()), new StaffSessions(db.store().database(), Clock.systemUTC(), Duration.ofHours(8)));
        for (var name : new String[] {"ami\u0000na", "amina\u0000"}) {
            assertThat(login.logIn(name, PASSWORD)).isEmpty();
        }
        assertThat(login.logIn("amina", PASSWORD)).isPresent();
    }
}
