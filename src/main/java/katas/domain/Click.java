package katas.domain;

/** A page view: who clicked which page, and when (event time, epoch milliseconds). */
public record Click(String userId, String page, long timestamp) {}
