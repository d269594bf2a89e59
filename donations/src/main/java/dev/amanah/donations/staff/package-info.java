/**
 * Staff of the charity: who they are ({@link dev.amanah.donations.staff.StaffMember}) and what
 * their {@link dev.amanah.donations.staff.Role} lets them do. Authentication (passwords, sessions)
 * builds on these; the services take a {@code StaffMember} wherever an action must be attributed.
 */
package dev.amanah.donations.staff;
