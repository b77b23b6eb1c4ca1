package keybot.bench;

import java.net.URI;

/** An app under load: its name in the tables, and where Slack's requests to it go. */
record App(String name, URI events) {}
