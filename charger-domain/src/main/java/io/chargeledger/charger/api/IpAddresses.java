package io.chargeledger.charger.api;

import java.util.regex.Pattern;

/** Syntax check of IP address literals, without DNS look-ups (InetAddress.getByName would resolve names). */
final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private IpAddresses() {
    }

    static boolean isValid(String address) {
        return IPV4.matcher(address).matches() || isIpv6(address);
    }

    private static boolean isIpv6(String address) {
        if (address.isEmpty() || address.length() > 45 || address.indexOf(':') < 0) {
            return false;
        }
        int groupsNeeded = 8;
        String text = address;
        // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
        int lastColon = text.lastIndexOf(':');
        String tail = text.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!IPV4.matcher(tail).matches()) {
                return false;
            }
            text = text.substring(0, lastColon + 1) + "0";
            groupsNeeded = 7;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon >= 0) {
            String head = text.substring(0, doubleColon);
            String rest = text.substring(doubleColon + 2);
            int groups = countGroups(head) + countGroups(rest);
            return groups >= 0 && groups < groupsNeeded;
        }
        return countGroups(text) == groupsNeeded;
    }

    /** Number of valid hex groups separated by single colons, or -1 (minus a lot) when malformed. */
    private static int countGroups(String part) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] groups = part.split(":", -1);
        for (String group : groups) {
            if (!HEX_GROUP.matcher(group).matches()) {
                return -100;
            }
        }
        return groups.length;
    }
}
