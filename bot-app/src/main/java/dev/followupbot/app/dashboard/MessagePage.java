package dev.followupbot.app.dashboard;

/** A page that only says something: a refusal, an error, signed out. */
public record MessagePage(Chrome chrome, String text) {}
