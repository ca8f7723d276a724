/* global window, document */
/*
 * Runs before the pane's own script, in ES5 so that every webview can run it. Office 2016/2019
 * volume-licensed builds (and Windows without WebView2) show add-ins in Internet Explorer 11
 * (Trident) or Edge Legacy (EdgeHTML), which cannot run the pane: say so, in Vietnamese first,
 * and point to what works instead, rather than leave a blank pane.
 */
(function () {
  var ua = window.navigator.userAgent;
  var legacy = ua.indexOf('Trident/') !== -1 || ua.indexOf('MSIE ') !== -1 || /Edge\/\d/.test(ua);
  if (!legacy) return;
  window.DIEN_HINH_UNSUPPORTED = true;
  var url = window.location.href.split('?')[0].split('#')[0];
  var root = document.getElementById('root') || document.body;
  var html =
    '<div role="alert" style="padding:16px;font-family:Segoe UI,Arial,sans-serif;line-height:1.5">' +
    '<h1 style="font-size:18px;margin:0 0 8px">Điển hình chưa chạy được trong phiên bản Office này</h1>' +
    '<p>Office này hiển thị phần bổ trợ bằng trình duyệt cũ (Internet Explorer 11 hoặc Edge cũ). Cách khắc phục:</p>' +
    '<ul><li>Cài <b>Microsoft Edge WebView2 Runtime</b> (Office 2016/2019 bản bán lẻ sẽ dùng nó), hoặc dùng Office 2021 / Microsoft 365;</li>' +
    '<li>trong lúc chờ, mở trang này bằng Edge hoặc Chrome để kiểm tra và tổng hợp các tệp: <br><code style="word-break:break-all">' +
    url.replace(/&/g, '&amp;').replace(/</g, '&lt;') +
    '</code></li></ul>' +
    '<p lang="en" style="color:#555">This version of Office shows add-ins in Internet Explorer 11 or Edge Legacy, which cannot run Dien hinh. ' +
    'Install the Microsoft Edge WebView2 Runtime or use Office 2021 / Microsoft 365; meanwhile open the page above in Edge or Chrome to check files.</p>' +
    '</div>';
  root.innerHTML = html;
})();
