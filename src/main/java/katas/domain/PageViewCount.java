package katas.domain;

/** The number of views of a page in one event-time window {@code [windowStart, windowEnd)}. */
public record PageViewCount(String page, long windowStart, long windowEnd, long count) {

    /** The line the guide prints for a window result. */
    public String describe() {
        return "Page '" + page + "' had " + count + " visits in window " + windowStart + " to " + windowEnd;
    }
}
