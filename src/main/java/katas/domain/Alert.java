package katas.domain;

/** A fraud alert raised for a user. */
public record Alert(String userId, String reason) {}
