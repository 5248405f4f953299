/** Target selection by HRW over a cluster map snapshot: pure, static, deterministic. */
package net.aisj.core.placement;
