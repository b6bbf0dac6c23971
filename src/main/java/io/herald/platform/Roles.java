package io.herald.platform;

/**
 * The two roles of Herald's API (application users, e.g. added with add-user.sh -a -g herald-admin):
 * herald-admin may do everything; herald-operator may read everything and launch, pause and resume campaigns,
 * but not create, change or cancel anything.
 */
public final class Roles {

    public static final String ADMIN = "herald-admin";
    public static final String OPERATOR = "herald-operator";

    private Roles() {
    }
}
