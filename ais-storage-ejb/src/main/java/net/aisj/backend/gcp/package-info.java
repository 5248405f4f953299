/**
 * The Google Cloud Storage provider ({@code gcp://}, alias {@code gs://}) on the Google Cloud Java client over the JSON
 * API, configured as AIS configures it ({@code GOOGLE_CLOUD_PROJECT}, {@code GOOGLE_APPLICATION_CREDENTIALS} or
 * application default credentials) plus the client's own {@code STORAGE_EMULATOR_HOST} for a test endpoint.
 */
package net.aisj.backend.gcp;
