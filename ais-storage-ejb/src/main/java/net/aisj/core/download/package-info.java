/**
 * Download jobs as AIS's downloader has them ({@code /v1/download}): what to fetch ({@link
 * net.aisj.core.download.DownloadSpec}: one URL, a range template of URLs, a list, or a remote bucket's objects by
 * prefix) and what a job reports ({@link net.aisj.core.download.DownloadStatus}), merged across targets. Pure values.
 */
package net.aisj.core.download;
