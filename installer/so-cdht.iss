; Inno Setup 6 script: the Windows installer of Sổ Công dân học tập (a clerk installs it without Python).
; Build it with installer\build.bat, which makes the program folder with pyinstaller first and then
; runs the Inno Setup compiler (ISCC) with the program's version; see installer\README.md.
; Saved as UTF-8 with a byte-order mark so that the compiler reads the Vietnamese text.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Sổ Công dân học tập"
#define AppExe "so-cdht.exe"
#define CliExe "so-cdht-lenh.exe"

[Setup]
; the id ties updates to earlier installs: never change it
AppId={{8E0B7A52-4C2D-4F7B-9C55-2B1E5A9D3C10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Hội Khuyến học
VersionInfoVersion={#AppVersion}
VersionInfoDescription={#AppName}
DefaultDirName={autopf}\SoCongDanHocTap
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; a clerk without administrator rights installs for herself; an administrator may install for everyone
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=so-cdht-{#AppVersion}-cai-dat
SetupIconFile=..\resources\icons\so-cdht.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; the program must not be running while its files are replaced
CloseApplications=yes

[Languages]
Name: "vi"; MessagesFile: "compiler:Default.isl"

[Messages]
; Inno Setup ships no Vietnamese translation: the screens a clerk reads, in our own words
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt %1
ButtonBack=< &Quay lại
ButtonNext=&Tiếp >
ButtonInstall=&Cài đặt
ButtonOK=Đồng ý
ButtonCancel=Huỷ
ButtonYes=&Có
ButtonNo=&Không
ButtonFinish=&Xong
ButtonBrowse=&Chọn thư mục...
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Chưa cài xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nCó thể chạy lại bộ cài lúc khác.%n%nThoát cài đặt?
WelcomeLabel1=Cài đặt [name]
WelcomeLabel2=Bộ cài sẽ cài [name/ver] vào máy tính này.%n%nNên đóng các chương trình khác trước khi tiếp tục.
WizardSelectDir=Chọn nơi cài đặt
SelectDirDesc=Cài [name] vào đâu?
SelectDirLabel3=Chương trình sẽ được cài vào thư mục dưới đây.
SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn thư mục.
WizardSelectTasks=Chọn việc làm thêm
SelectTasksDesc=Bộ cài làm thêm những việc nào?
SelectTasksLabel2=Chọn những việc bộ cài làm thêm khi cài [name], rồi bấm Tiếp.
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Bộ cài đã sẵn sàng cài [name] vào máy tính này.
ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại để xem hay sửa lựa chọn.
ReadyLabel2b=Bấm Cài đặt để bắt đầu.
WizardInstalling=Đang cài đặt
InstallingLabel=Xin chờ trong khi [name] được cài vào máy tính này.
FinishedHeadingLabel=Đã cài xong [name]
FinishedLabelNoIcons=[name] đã được cài vào máy tính này.
FinishedLabel=[name] đã được cài vào máy tính này. Có thể mở chương trình bằng biểu tượng đã tạo.
ClickFinish=Bấm Xong để kết thúc.
StatusExtractFiles=Đang chép các tệp...
StatusCreateIcons=Đang tạo biểu tượng...
StatusUninstalling=Đang gỡ %1...
ConfirmUninstall=Gỡ %1 khỏi máy tính này?%n%nDữ liệu của đơn vị (sổ, bản sao lưu, khoá) vẫn được giữ nguyên trong thư mục dữ liệu.
UninstalledAll=Đã gỡ %1 khỏi máy tính này.
UninstallStatusLabel=Xin chờ trong khi %1 được gỡ khỏi máy tính này.

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình (Desktop)"; GroupDescription: "Biểu tượng:"

[Files]
Source: "..\dist\so-cdht\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
; the self-test in a console window that stays open, for when something does not work
Name: "{group}\Kiểm tra cài đặt"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" self-test"; WorkingDir: "{app}"
Name: "{group}\Gỡ cài đặt {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Mở {#AppName} ngay"; Flags: nowait postinstall skipifsilent

; Nothing is deleted from the data folder (%LOCALAPPDATA%\SoCongDanHocTap) on uninstall: the register,
; its backups and the office's keys outlive the program, and a reinstall finds them again.
