package net.aisj.service.dsort;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import net.aisj.core.AisException;
import net.aisj.core.dsort.DsortSpec;
import net.aisj.core.dsort.ExternalKeyMap;

/** Reads the content of a dsort job's external key map file (EKM): AIS's JSON form or its line form. */
public final class ExternalKeyMapJson {

    private ExternalKeyMapJson() {}

    /**
     * An external key map as AIS reads it: a JSON object {@code {"<template>": ["<key regex>", ...]}}, else lines
     * {@code <key regex><sep><template>}. Every template must have a range.
     *
     * @throws AisException BAD_REQUEST for malformed content
     */
    public static ExternalKeyMap keyMap(String text, String sep, DsortSpec spec) {
        ExternalKeyMap m;
        JsonObject json = null;
        if (text.strip().startsWith("{")) {
            try (var r = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
                json = r.readObject();
            } catch (RuntimeException e) {
                json = null;
            }
        }
        if (json != null) {
            m = new ExternalKeyMap();
            for (var e : json.entrySet()) {
                if (!(e.getValue() instanceof JsonArray keys)) {
                    throw AisException.badRequest(
                            "external key map: \"" + e.getKey() + "\" must map to a list of keys");
                }
                for (JsonValue k : keys) {
                    if (!(k instanceof JsonString ks)) {
                        throw AisException.badRequest("external key map: keys must be strings");
                    }
                    m.add(ks.getString(), e.getKey());
                }
            }
        } else {
            m = ExternalKeyMap.parseLines(text, sep);
        }
        if (m.isEmpty()) {
            throw AisException.badRequest("external key map " + spec.ekmFile() + " is empty");
        }
        m.templates().forEach(spec::outputNames);
        return m;
    }
}
