import type { ThemeConfig } from 'antd';

/**
 * antd's stock palette fails contrast (primary #1677ff is 4.10:1, secondary text and input borders
 * are too light) and its focus ring uses a pale blue. These tokens fix both; the second set is the
 * 关怀模式 palette: larger type and controls, pure black text, darker borders.
 */
export const standardTheme: ThemeConfig = {
  token: {
    motion: false, // no sliding or fading: calmer for vestibular and attention needs, and focus lands at once
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // antd derives a lighter hover (#2e7ae6, 4.16:1 under white text): darker instead
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorPrimaryBorder: '#0958d9', // antd draws every focus outline in this colour
    colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
    colorTextDescription: 'rgba(0, 0, 0, 0.72)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.68)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.62)',
    colorBorder: '#8c8c8c', // input outlines need 3:1 against white (WCAG 1.4.11)
    colorError: '#cf1322', // field error text; antd's #ff4d4f is 3.3:1
    colorWarning: '#ad6800',
    colorSuccess: '#237804',
    lineWidthFocus: 3,
    controlHeightXS: 24,
    controlHeightSM: 28,
  },
};

export const careTheme: ThemeConfig = {
  token: {
    motion: false,
    colorPrimary: '#003a8c',
    colorLink: '#003a8c',
    colorPrimaryHover: '#002766',
    colorPrimaryActive: '#001d66',
    colorLinkHover: '#002766',
    colorLinkActive: '#001d66',
    colorPrimaryBorder: '#000000',
    colorText: '#000000',
    colorTextHeading: '#000000',
    colorTextSecondary: '#000000',
    colorTextDescription: '#1f1f1f',
    colorTextTertiary: '#1f1f1f',
    colorTextPlaceholder: '#434343',
    colorBorder: '#262626',
    colorError: '#a8071a',
    colorWarning: '#874d00',
    colorSuccess: '#135200',
    colorBorderSecondary: '#595959',
    colorSplit: '#595959',
    fontSize: 20,
    fontSizeSM: 18,
    fontSizeLG: 22,
    fontSizeHeading1: 34,
    fontSizeHeading2: 28,
    fontSizeHeading3: 24,
    lineWidth: 2,
    lineWidthFocus: 4,
    controlHeight: 44,
    controlHeightSM: 36,
    controlHeightLG: 52,
    controlHeightXS: 28,
  },
};
