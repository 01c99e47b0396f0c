/** Where a tab remembers that it is a wall screen (per tab: a kiosk is one screen, not the whole browser). */
export const KIOSK_KEY = 'floor-monitor.kiosk';

/**
 * Kiosk mode for a screen on the floor, as a script the document runs in its head before the first
 * paint: `?kiosk=1` turns it on for this tab, `?kiosk=0` off, and `<html data-kiosk>` then hides the
 * navigation chrome and enlarges the type (see `app/globals.css`).
 */
export function kioskScript(): string {
  const key = JSON.stringify(KIOSK_KEY);
  return `(function(){try{var k=new URL(location.href).searchParams.get('kiosk');if(k==='1')sessionStorage.setItem(${key},'1');else if(k==='0')sessionStorage.removeItem(${key});if(sessionStorage.getItem(${key})==='1')document.documentElement.setAttribute('data-kiosk','')}catch(e){}})();`;
}
