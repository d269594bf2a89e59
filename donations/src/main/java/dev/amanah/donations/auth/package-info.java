/**
 * Staff authentication: accounts with bcrypt password hashes ({@link dev.amanah.donations.auth.StaffAccounts}),
 * database-backed login sessions carrying a CSRF token ({@link dev.amanah.donations.auth.StaffSessions}),
 * login throttling ({@link dev.amanah.donations.auth.LoginThrottle}) and the audit trail of staff
 * actions ({@link dev.amanah.donations.auth.StaffAudit}). Who may do what is
 * {@link dev.amanah.donations.staff.Role}'s business.
 */
package dev.amanah.donations.auth;
