package dev.lifeline.drill.netns;

/** How the kernel-level lab makes a scenario's {@code blackhole}: which real fault stands for it. */
public enum KernelFault {
    /** {@code ip link set wanN down} on the site: total loss, the gateway's host sees its uplink go. */
    LINK_DOWN("link down: ip link set %s down (site namespace)"),
    /**
     * An nftables rule at the ISP drops everything it would forward for the site, both ways, with
     * every link up: the field case where a path dies upstream and nothing local notices.
     */
    SILENT_CUT("silent cut: nft drop in the ISP's forward chain for %s, links up");

    private final String format;

    KernelFault(String format) {
        this.format = format;
    }

    /** One line for the report, naming the path's device. */
    public String describe(String device) {
        return String.format(format, device);
    }
}
