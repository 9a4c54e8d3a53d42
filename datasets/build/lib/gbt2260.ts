/**
 * GB/T 2260 province-level codes → ISO 3166-2:CN subdivision codes, for the 31 mainland
 * province-level divisions (the MEE tables cover 30 of them; Tibet is not listed).
 */
export const GBT2260_TO_ISO: Readonly<Record<string, string>> = {
  '110000': 'CN-BJ', '120000': 'CN-TJ', '130000': 'CN-HE', '140000': 'CN-SX', '150000': 'CN-NM',
  '210000': 'CN-LN', '220000': 'CN-JL', '230000': 'CN-HL',
  '310000': 'CN-SH', '320000': 'CN-JS', '330000': 'CN-ZJ', '340000': 'CN-AH', '350000': 'CN-FJ', '360000': 'CN-JX', '370000': 'CN-SD',
  '410000': 'CN-HA', '420000': 'CN-HB', '430000': 'CN-HN', '440000': 'CN-GD', '450000': 'CN-GX', '460000': 'CN-HI',
  '500000': 'CN-CQ', '510000': 'CN-SC', '520000': 'CN-GZ', '530000': 'CN-YN', '540000': 'CN-XZ',
  '610000': 'CN-SN', '620000': 'CN-GS', '630000': 'CN-QH', '640000': 'CN-NX', '650000': 'CN-XJ',
};
