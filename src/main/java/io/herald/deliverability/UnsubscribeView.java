package io.herald.deliverability;

/**
 * What the unsubscribe page says about its link: who sends (the campaign's From name, else its address; null when
 * the campaign is gone), the list's name, the address partly masked, whether "this list only" may be chosen (not
 * when the list's unsubscribeScope is ALL) and whether the address is unsubscribed from the list already.
 */
public record UnsubscribeView(String sender, String listName, String maskedAddress, boolean listOnlyOffered,
                              boolean unsubscribed) {

    /** a***@example.com: the local part's first character, three stars, the domain; "***" without an '@'. */
    public static String mask(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at < 1) {
            return "***";
        }
        return address.substring(0, address.offsetByCodePoints(0, 1)) + "***" + address.substring(at);
    }
}
