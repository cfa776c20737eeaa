package org.smsswitch.optin;

/** How a subscriber gave permission to be texted. Point of Sale needs the account's explicit permission. */
public enum OptInKind { MO, WEB, IVR, LIST, POINT_OF_SALE }
