package dev.amanah.finance.zakat;

import java.util.Locale;

/** The two monetary metals of zakat law; prices and nisab weights are per gram of pure metal. */
public enum Metal {
    GOLD,
    SILVER;

    /** The lower-case name used in input files and explanation text ("gold"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The asset kind whose zakatable fraction applies to this metal. */
    public AssetKind assetKind() {
        return switch (this) {
            case GOLD -> AssetKind.GOLD;
            case SILVER -> AssetKind.SILVER;
        };
    }
}
