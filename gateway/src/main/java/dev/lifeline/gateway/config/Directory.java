package dev.lifeline.gateway.config;

import java.util.List;
import java.util.Set;

/**
 * What {@link DirectoryReader} read: the site's numbers. The {@code declared} sets hold every
 * number written, even of entries that had other problems, so that a typo in one
 * extension's password does not also make every group containing it look wrong.
 */
record Directory(List<Extension> extensions, List<Group> groups, List<Did> dids,
                 Set<String> declaredExtensions, Set<String> declaredGroups) {

    boolean isLocalNumber(String number) {
        return declaredExtensions.contains(number) || declaredGroups.contains(number);
    }
}
