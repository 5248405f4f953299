/**
 * The Azure Blob Storage provider ({@code azure://}, alias {@code az://}) on the Azure SDK for Java (block blobs, the
 * JDK HTTP client), configured as AIS configures it: {@code AZURE_STORAGE_ACCOUNT}, {@code AZURE_STORAGE_KEY},
 * {@code AIS_AZURE_URL}, or Azure's own {@code AZURE_STORAGE_CONNECTION_STRING}.
 */
package net.aisj.backend.azure;
