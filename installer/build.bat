@echo off
rem Builds the Windows program folder (dist\so-cdht) and the installer (dist\so-cdht-VERSION-cai-dat.exe).
rem Needs: Python 3.11+ (python.org, "Add python.exe to PATH") and Inno Setup 6 (jrsoftware.org).
rem Run from anywhere: installer\build.bat
setlocal
cd /d "%~dp0.."
if not exist .venv\Scripts\python.exe py -m venv .venv || goto :error
rem exactly the packages of requirements.lock (versions and hashes), then the program over them
.venv\Scripts\python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock || goto :error
.venv\Scripts\python -m pip install -q --disable-pip-version-check --no-deps -e . || goto :error
rem Qt's own words in Vietnamese (file dialogs, right-click menus, standard buttons) into the bundle
for %%t in (resources\translations\*.ts) do .venv\Scripts\pyside6-lrelease -silent "%%t" -qm "resources\translations\%%~nt.qm" || goto :error
.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build installer\so-cdht.spec || goto :error
rem the bundle checks itself before it is packed: database, certificate PDF, signed package
set CHECK=%TEMP%\so-cdht-kiem-tra-%RANDOM%
dist\so-cdht\so-cdht-lenh.exe --data-dir "%CHECK%" self-test || goto :error
rmdir /s /q "%CHECK%"
for /f %%v in ('.venv\Scripts\python -c "import desktop; print(desktop.__version__)"') do set VERSION=%%v
set ISCC=%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe
if not exist "%ISCC%" set ISCC=%ProgramFiles%\Inno Setup 6\ISCC.exe
if not exist "%ISCC%" (
  echo Chua co Inno Setup 6: cai tu jrsoftware.org roi chay lai. Thu muc chuong trinh da co: dist\so-cdht
  exit /b 1
)
"%ISCC%" /Q /DAppVersion=%VERSION% installer\so-cdht.iss || goto :error
echo Da dong goi: dist\so-cdht-%VERSION%-cai-dat.exe
exit /b 0
:error
echo Loi khi dong goi (xem thong bao o tren).
exit /b 1
