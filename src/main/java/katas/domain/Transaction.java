package katas.domain;

/** A card transaction of a user, with its event time in epoch milliseconds. */
public record Transaction(String userId, double amount, long timestamp) {}
