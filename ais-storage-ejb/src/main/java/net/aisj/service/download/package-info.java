/**
 * AIS's downloader ({@code /v1/download}): a job fetches URLs (one, a range template, a list) or a remote bucket's
 * objects into a bucket. The node that gets the request starts the job on every target; each target fetches only the
 * names it owns by HRW ({@link net.aisj.service.download.DownloadJob}), so N targets download in parallel; status,
 * abort and remove fan out and merge ({@link net.aisj.service.download.DownloadService}).
 */
package net.aisj.service.download;
