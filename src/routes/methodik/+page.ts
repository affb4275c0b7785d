/** The Methodik page is static text: prerender-friendly, no JavaScript. */
export const csr = false;
