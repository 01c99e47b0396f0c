/*
 * Runs in the browser before Next evaluates the app and hydrates the page: the dashboard store is made
 * here and subscribes at once (on the connection the document's head script opened), so the first
 * snapshots are on their way while the page's modules evaluate and hydrate.
 */
import '@/lib/store/page-store';
