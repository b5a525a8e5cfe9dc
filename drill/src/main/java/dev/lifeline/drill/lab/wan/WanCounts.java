package dev.lifeline.drill.lab.wan;

/** A snapshot of an emulator's UDP packet counters, per direction. */
public record WanCounts(DirectionCounts upstream, DirectionCounts downstream) {

    public DirectionCounts of(Direction direction) {
        return direction == Direction.UPSTREAM ? upstream : downstream;
    }
}
