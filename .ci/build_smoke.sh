#!/usr/bin/env bash
# CI: build the Windows-style one-folder package with PyInstaller (here on Linux) and run the frozen program
# offscreen with a PATH that holds no Python: --version, demo, a report, and the window for a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

app=dist/dangjian
smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
mkdir "$smoke/bin" "$smoke/home"
fail() { echo "打包冒烟测试失败：$*" >&2; exit 1; }

echo "== pyinstaller pyinstaller.spec"
started=$SECONDS
python -m PyInstaller --noconfirm --clean --log-level WARN pyinstaller.spec >"$smoke/build.log" 2>&1 \
  || { tail -40 "$smoke/build.log" >&2; fail "PyInstaller 构建出错"; }
size=$(du -sm "$app" | cut -f1)
echo "构建用时 $((SECONDS - started)) 秒，文件夹 ${size} MB"
[ "$size" -lt 250 ] || fail "打包文件夹 ${size} MB，超过 250 MB 的上限"
for exe in dangjian dangjian-cli; do [ -x "$app/$exe" ] || fail "缺少 $app/$exe"; done

# A clean environment: no Python on PATH (an empty folder), no PYTHON* variables, a throwaway HOME.
frozen() {
  env -i PATH="$smoke/bin" HOME="$smoke/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"
}
if env -i PATH="$smoke/bin" /bin/sh -c 'command -v python3 || command -v python' >/dev/null; then
  fail "PATH 上仍能找到 Python"
fi

echo "== --version"
version=$(frozen "$app/dangjian-cli" --version)
expected=$(python -c 'import dangjian_desktop as d; print(d.APP_NAME, d.__version__)')
[ "$version" = "$expected" ] || fail "--version 输出“$version”，应为“$expected”"
echo "$version"

# The frozen program must load its own interpreter and standard library, never the build machine's.
if command -v strace >/dev/null; then
  base=$(python -c 'import sys; print(sys.base_prefix)')
  frozen "$(command -v strace)" -f -qq -e trace=openat,execve -o "$smoke/trace" "$app/dangjian-cli" --version >/dev/null
  if grep -v ENOENT "$smoke/trace" | grep -E "\"($base|/usr/lib/python3|/usr/local/lib/python3|/usr/bin/python)" \
      | head -5 | grep .; then
    fail "冻结程序读取了系统的 Python 文件（见上）"
  fi
fi

echo "== demo"
frozen "$app/dangjian-cli" demo --db "$smoke/demo.db"
[ -s "$smoke/demo.db" ] || fail "demo 没有写出数据库"

[ -n "$(ls "$smoke/attachments" 2>/dev/null)" ] || fail "demo 没有写出附件照片（Pillow 未打包？）"

echo "== backup --encrypt, restore"  # the trimmed pycryptodomex of pyinstaller.spec still encrypts and decrypts
echo "smoke-password-1" | frozen "$app/dangjian-cli" backup --encrypt --db "$smoke/demo.db" --to "$smoke/usb"
encrypted=$(ls "$smoke"/usb/*.zip)
echo "smoke-password-1" | frozen "$app/dangjian-cli" restore "$encrypted" --db "$smoke/demo.db" \
  || fail "加密备份无法恢复"

echo "== report summary"
frozen "$app/dangjian-cli" report summary --year 2025 --db "$smoke/demo.db" --out "$smoke/summary.pdf"
[ "$(head -c 5 "$smoke/summary.pdf")" = "%PDF-" ] || fail "report summary 没有写出 PDF"
if command -v pdftotext >/dev/null; then
  pdftotext "$smoke/summary.pdf" "$smoke/summary.txt"
  grep -q "党建工作总结" "$smoke/summary.txt" || fail "年度总结 PDF 里读不出中文"
fi
if command -v pdffonts >/dev/null; then  # the bundled 宋 and 楷 faces are in the package and used
  pdffonts "$smoke/summary.pdf" >"$smoke/fonts.txt"
  grep -q "+UMingCN" "$smoke/fonts.txt" && grep -q "+LXGWWenKai" "$smoke/fonts.txt" \
    || { cat "$smoke/fonts.txt" >&2; fail "年度总结 PDF 没有用上内置的宋体、楷体"; }
fi

if [ -n "${DANGJIAN_SMOKE_SERVER:-}" ]; then  # psycopg, its libpq and argon2 are in the package and work
  echo "== 服务器：server-setup, org-add, branch-import, report"
  server=(--db "$DANGJIAN_SMOKE_SERVER")
  admin() {  # a command as the server's first user (the password from the environment, as a script gives it)
    frozen "$(command -v env)" DANGJIAN_PASSWORD=smoke-password-1 "$app/dangjian-cli" "$@" "${server[@]}" --user smoke
  }
  echo "smoke-password-1" | frozen "$app/dangjian-cli" server-setup "${server[@]}" --org 冒烟党委 --login smoke --name 冒烟 \
    || fail "server-setup 出错"
  admin org-add --name 冒烟党支部 --level 党支部 --parent 冒烟党委 || fail "org-add 出错"
  admin branch-import "$smoke/demo.db" --branch 冒烟党支部 || fail "branch-import 出错"
  admin report roster --branch 冒烟党支部 --out "$smoke/server-roster.pdf" || fail "服务器上的 report roster 出错"
  [ "$(head -c 5 "$smoke/server-roster.pdf")" = "%PDF-" ] || fail "服务器上的 report roster 没有写出 PDF"
fi

echo "== 窗口（offscreen，运行 5 秒）"
status=0
frozen "$(command -v timeout)" 5 "$app/dangjian" --db "$smoke/demo.db" >"$smoke/gui.log" 2>&1 || status=$?
if [ "$status" -ne 124 ] || grep -q "Traceback" "$smoke/gui.log"; then
  cat "$smoke/gui.log" >&2
  fail "窗口程序提前退出（状态 $status）"
fi
echo "打包冒烟测试通过"
